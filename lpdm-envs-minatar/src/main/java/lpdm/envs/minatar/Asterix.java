package lpdm.envs.minatar;

/**
 * Asterix: the player moves in four directions between rows 1 and 8; enemies and gold cross rows
 * 1 to 8 horizontally, one per row. Gold gives +1 and disappears; touching an enemy ends the game.
 * Spawning and movement speed up every 102 steps when ramping is on.
 *
 * <p>Channels: 0 player, 1 enemy, 2 trail (the cell an enemy or gold came from), 3 gold.
 */
final class Asterix extends Game {
    private static final int RAMP_INTERVAL = 100;
    private static final double ONE_THIRD = 1.0 / 3.0;

    private int playerX;
    private int playerY;
    /** Per slot k (row k + 1): occupied, x, moving right, gold. */
    private final boolean[] occupied = new boolean[8];
    private final int[] entityX = new int[8];
    private final boolean[] movingRight = new boolean[8];
    private final boolean[] gold = new boolean[8];
    private int spawnSpeed;
    private int spawnTimer;
    private int moveSpeed;
    private int moveTimer;
    private int rampTimer;
    private int rampIndex;

    Asterix(boolean ramping) {
        super(ramping);
    }

    @Override
    int channels() {
        return 4;
    }

    @Override
    int[] minimalActions() {
        return new int[] {NOOP, LEFT, UP, RIGHT, DOWN};
    }

    @Override
    void reset(NumpyRandomState rng) {
        playerX = 5;
        playerY = 5;
        java.util.Arrays.fill(occupied, false);
        spawnSpeed = 10;
        spawnTimer = 10;
        moveSpeed = 5;
        moveTimer = 5;
        rampTimer = RAMP_INTERVAL;
        rampIndex = 0;
        terminal = false;
    }

    @Override
    int act(int action, NumpyRandomState rng) {
        int reward = 0;
        // 1. Spawn.
        if (spawnTimer == 0) {
            spawn(rng);
            spawnTimer = spawnSpeed;
        }
        // 2. Player.
        switch (action) {
            case LEFT -> playerX = Math.max(0, playerX - 1);
            case RIGHT -> playerX = Math.min(9, playerX + 1);
            case UP -> playerY = Math.max(1, playerY - 1);
            case DOWN -> playerY = Math.min(8, playerY + 1);
            default -> { }
        }
        // 3. Contact before the entities move.
        for (int k = 0; k < 8; k++) {
            reward += contact(k);
        }
        // 4. Entities move.
        if (moveTimer == 0) {
            moveTimer = moveSpeed;
            for (int k = 0; k < 8; k++) {
                if (occupied[k]) {
                    entityX[k] += movingRight[k] ? 1 : -1;
                    if (entityX[k] < 0 || entityX[k] > 9) {
                        occupied[k] = false;
                    } else {
                        reward += contact(k);
                    }
                }
            }
        }
        // 5. Timers.
        spawnTimer--;
        moveTimer--;
        // 6. Ramping.
        if (ramping && (spawnSpeed > 1 || moveSpeed > 1)) {
            if (rampTimer >= 0) {
                rampTimer--;
            } else {
                if (moveSpeed > 1 && rampIndex % 2 == 1) {
                    moveSpeed--;
                }
                if (spawnSpeed > 1) {
                    spawnSpeed--;
                }
                rampIndex++;
                rampTimer = RAMP_INTERVAL;
            }
        }
        return reward;
    }

    private void spawn(NumpyRandomState rng) {
        boolean right = rng.rand() < 0.5;
        boolean isGold = rng.rand() < ONE_THIRD;
        int[] free = new int[8];
        int n = 0;
        for (int k = 0; k < 8; k++) {
            if (!occupied[k]) {
                free[n++] = k;
            }
        }
        if (n == 0) {
            return;
        }
        int k = free[(int) rng.randint(n)];
        occupied[k] = true;
        entityX[k] = right ? 0 : 9;
        movingRight[k] = right;
        gold[k] = isGold;
    }

    /** Gold on the player's cell is taken (+1); an enemy there ends the game. */
    private int contact(int k) {
        if (occupied[k] && entityX[k] == playerX && k + 1 == playerY) {
            if (gold[k]) {
                occupied[k] = false;
                return 1;
            }
            terminal = true;
        }
        return 0;
    }

    @Override
    void observe(float[] grid) {
        set(grid, playerY, playerX, 0);
        for (int k = 0; k < 8; k++) {
            if (occupied[k]) {
                int y = k + 1;
                set(grid, y, entityX[k], gold[k] ? 3 : 1);
                int back = entityX[k] + (movingRight[k] ? -1 : 1);
                if (back >= 0 && back <= 9) {
                    set(grid, y, back, 2);
                }
            }
        }
    }

    @Override
    void write(IntState.Writer out) {
        out.put(playerX).put(playerY);
        for (int k = 0; k < 8; k++) {
            out.put(occupied[k]).put(entityX[k]).put(movingRight[k]).put(gold[k]);
        }
        out.put(spawnSpeed).put(spawnTimer).put(moveSpeed).put(moveTimer).put(rampTimer).put(rampIndex).put(terminal);
    }

    @Override
    void read(IntState.Reader in) {
        playerX = in.nextInt();
        playerY = in.nextInt();
        for (int k = 0; k < 8; k++) {
            occupied[k] = in.nextBoolean();
            entityX[k] = in.nextInt();
            movingRight[k] = in.nextBoolean();
            gold[k] = in.nextBoolean();
        }
        spawnSpeed = in.nextInt();
        spawnTimer = in.nextInt();
        moveSpeed = in.nextInt();
        moveTimer = in.nextInt();
        rampTimer = in.nextInt();
        rampIndex = in.nextInt();
        terminal = in.nextBoolean();
    }
}
