package lpdm.envs.minatar;

/**
 * Freeway: a chicken in column 4 crosses eight lanes of cars from row 9 to row 0; +1 per crossing,
 * after which the cars get new random speeds. A car hit sends the chicken back to row 9. The game
 * ends itself at the end of its 2501st step. No ramping.
 *
 * <p>Channels: 0 chicken, 1 car, 2 to 6 the trail of a car of speed 1 to 5 (channel 1 + |speed|).
 */
final class Freeway extends Game {
    private static final int PLAYER_SPEED = 3;
    private static final int TIME_LIMIT = 2500;

    private int position;
    private int moveTimer;
    private int terminateTimer;
    /** Car i drives in row i + 1. */
    private final int[] carX = new int[8];
    private final int[] carTimer = new int[8];
    private final int[] carSpeed = new int[8];

    Freeway() {
        super(false);
    }

    @Override
    int channels() {
        return 7;
    }

    @Override
    int[] minimalActions() {
        return new int[] {NOOP, UP, DOWN};
    }

    @Override
    void reset(NumpyRandomState rng) {
        randomizeCars(rng, true);
        position = 9;
        moveTimer = PLAYER_SPEED;
        terminateTimer = TIME_LIMIT;
        terminal = false;
    }

    /**
     * Eight speeds in 1..5, then eight doubles whose side of 0.5 gives the direction. A double of
     * exactly 0.5 (probability 2^-53) would give the original a speed-0 car; here it drives right at
     * the drawn speed (a documented difference that no recorded game can reach).
     */
    private void randomizeCars(NumpyRandomState rng, boolean atReset) {
        long[] speeds = rng.randint(1, 6, 8);
        double[] directions = rng.rand(8);
        for (int i = 0; i < 8; i++) {
            int v = (int) speeds[i] * (directions[i] < 0.5 ? -1 : 1);
            if (atReset) {
                carX[i] = 0;
            }
            carTimer[i] = Math.abs(v);
            carSpeed[i] = v;
        }
    }

    @Override
    int act(int action, NumpyRandomState rng) {
        int reward = 0;
        // 1. Chicken.
        if (action == UP && moveTimer == 0) {
            moveTimer = PLAYER_SPEED;
            position = Math.max(0, position - 1);
        } else if (action == DOWN && moveTimer == 0) {
            moveTimer = PLAYER_SPEED;
            position = Math.min(9, position + 1);
        }
        // 2. Crossing.
        if (position == 0) {
            reward += 1;
            randomizeCars(rng, false);
            position = 9;
        }
        // 3. Cars.
        for (int i = 0; i < 8; i++) {
            if (carX[i] == 4 && i + 1 == position) {
                position = 9;
            }
            if (carTimer[i] == 0) {
                carTimer[i] = Math.abs(carSpeed[i]);
                carX[i] += carSpeed[i] > 0 ? 1 : -1;
                if (carX[i] < 0) {
                    carX[i] = 9;
                } else if (carX[i] > 9) {
                    carX[i] = 0;
                }
                if (carX[i] == 4 && i + 1 == position) {
                    position = 9;
                }
            } else {
                carTimer[i]--;
            }
        }
        // 4. Timers.
        if (moveTimer > 0) {
            moveTimer--;
        }
        terminateTimer--;
        if (terminateTimer < 0) {
            terminal = true;
        }
        return reward;
    }

    @Override
    void observe(float[] grid) {
        set(grid, position, 4, 0);
        for (int i = 0; i < 8; i++) {
            int y = i + 1;
            set(grid, y, carX[i], 1);
            int back = carSpeed[i] > 0 ? carX[i] - 1 : carX[i] + 1;
            back = back < 0 ? 9 : back > 9 ? 0 : back;
            set(grid, y, back, 1 + Math.abs(carSpeed[i]));
        }
    }

    @Override
    void write(IntState.Writer out) {
        out.put(position).put(moveTimer).put(terminateTimer).put(terminal);
        for (int i = 0; i < 8; i++) {
            out.put(carX[i]).put(carTimer[i]).put(carSpeed[i]);
        }
    }

    @Override
    void read(IntState.Reader in) {
        position = in.nextInt();
        moveTimer = in.nextInt();
        terminateTimer = in.nextInt();
        terminal = in.nextBoolean();
        for (int i = 0; i < 8; i++) {
            carX[i] = in.nextInt();
            carTimer[i] = in.nextInt();
            carSpeed[i] = in.nextInt();
        }
    }
}
