package lpdm.envs.minatar;

/**
 * SpaceInvaders: a cannon on the bottom row shoots up at a block of aliens that moves sideways and
 * steps down at the edges; +1 per alien, a new wave (moving faster when ramping is on) when all are
 * gone. The game ends when an alien or an alien bullet reaches the cannon, or when the aliens must
 * step down while one is in the bottom row. No random draws.
 *
 * <p>Channels: 0 cannon, 1 alien, 2 alien while the aliens move left, 3 alien while they move right,
 * 4 player bullet, 5 alien bullet.
 */
final class SpaceInvaders extends Game {
    private static final int SHOT_COOL_DOWN = 5;
    private static final int ALIEN_SHOT_INTERVAL = 10;

    private int position;
    private final boolean[] aliens = new boolean[100];
    private boolean[] playerBullets = new boolean[100];
    private boolean[] alienBullets = new boolean[100];
    private boolean[] scratch = new boolean[100];
    private int alienDirection;
    private int enemyMoveInterval;
    private int alienMoveTimer;
    private int alienShotTimer;
    private int rampIndex;
    private int shotTimer;

    SpaceInvaders(boolean ramping) {
        super(ramping);
    }

    @Override
    int channels() {
        return 6;
    }

    @Override
    int[] minimalActions() {
        return new int[] {NOOP, LEFT, RIGHT, FIRE};
    }

    @Override
    void reset(NumpyRandomState rng) {
        position = 5;
        java.util.Arrays.fill(aliens, false);
        placeAliens();
        java.util.Arrays.fill(playerBullets, false);
        java.util.Arrays.fill(alienBullets, false);
        alienDirection = -1;
        enemyMoveInterval = 12;
        alienMoveTimer = 12;
        alienShotTimer = ALIEN_SHOT_INTERVAL;
        rampIndex = 0;
        shotTimer = 0;
        terminal = false;
    }

    private void placeAliens() {
        for (int row = 0; row < 4; row++) {
            for (int col = 2; col < 8; col++) {
                aliens[row * 10 + col] = true;
            }
        }
    }

    @Override
    int act(int action, NumpyRandomState rng) {
        int reward = 0;
        // 1. Cannon.
        if (action == FIRE && shotTimer == 0) {
            playerBullets[90 + position] = true;
            shotTimer = SHOT_COOL_DOWN;
        } else if (action == LEFT) {
            position = Math.max(0, position - 1);
        } else if (action == RIGHT) {
            position = Math.min(9, position + 1);
        }
        // 2. Player bullets move up: row r takes the old row r + 1; row 9 empties.
        java.util.Arrays.fill(scratch, false);
        System.arraycopy(playerBullets, 10, scratch, 0, 90);
        swapPlayerBullets();
        // 3. Alien bullets move down: row r takes the old row r - 1; row 0 empties.
        java.util.Arrays.fill(scratch, false);
        System.arraycopy(alienBullets, 0, scratch, 10, 90);
        swapAlienBullets();
        if (alienBullets[90 + position]) {
            terminal = true;
        }
        // 4.
        if (aliens[90 + position]) {
            terminal = true;
        }
        // 5. Aliens move.
        if (alienMoveTimer == 0) {
            alienMoveTimer = Math.min(count(aliens), enemyMoveInterval);
            if ((alienDirection < 0 && anyInColumn(0)) || (alienDirection > 0 && anyInColumn(9))) {
                alienDirection = -alienDirection;
                if (anyInRow(9)) {
                    terminal = true;
                }
                // Cyclic: row r takes the old row r - 1, row 0 the old row 9.
                System.arraycopy(aliens, 0, scratch, 10, 90);
                System.arraycopy(aliens, 90, scratch, 0, 10);
                System.arraycopy(scratch, 0, aliens, 0, 100);
            } else {
                java.util.Arrays.fill(scratch, false);
                for (int i = 0; i < 100; i++) {
                    if (aliens[i]) {
                        scratch[i + alienDirection] = true;
                    }
                }
                System.arraycopy(scratch, 0, aliens, 0, 100);
            }
            if (aliens[90 + position]) {
                terminal = true;
            }
        }
        // 6. Alien shot.
        if (alienShotTimer == 0) {
            alienShotTimer = ALIEN_SHOT_INTERVAL;
            shoot();
        }
        // 7. Kills.
        for (int i = 0; i < 100; i++) {
            if (aliens[i] && playerBullets[i]) {
                aliens[i] = false;
                playerBullets[i] = false;
                reward++;
            }
        }
        // 8. Timers.
        if (shotTimer > 0) {
            shotTimer--;
        }
        alienMoveTimer--;
        alienShotTimer--;
        // 9. New wave.
        if (count(aliens) == 0) {
            if (ramping && enemyMoveInterval > 6) {
                enemyMoveInterval--;
                rampIndex++;
            }
            placeAliens();
        }
        return reward;
    }

    private void swapPlayerBullets() {
        boolean[] t = playerBullets;
        playerBullets = scratch;
        scratch = t;
    }

    private void swapAlienBullets() {
        boolean[] t = alienBullets;
        alienBullets = scratch;
        scratch = t;
    }

    /** Columns by distance from the cannon (smaller column first on ties); the lowest alien of the first occupied one fires from its own cell. */
    private void shoot() {
        for (int d = 0; d <= 9; d++) {
            if (fireFromColumn(position - d) || (d > 0 && fireFromColumn(position + d))) {
                return;
            }
        }
    }

    private boolean fireFromColumn(int col) {
        if (col < 0 || col > 9) {
            return false;
        }
        for (int row = 9; row >= 0; row--) {
            if (aliens[row * 10 + col]) {
                alienBullets[row * 10 + col] = true;
                return true;
            }
        }
        return false;
    }

    private static int count(boolean[] map) {
        int n = 0;
        for (boolean b : map) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    private boolean anyInColumn(int col) {
        for (int row = 0; row < 10; row++) {
            if (aliens[row * 10 + col]) {
                return true;
            }
        }
        return false;
    }

    private boolean anyInRow(int row) {
        for (int col = 0; col < 10; col++) {
            if (aliens[row * 10 + col]) {
                return true;
            }
        }
        return false;
    }

    @Override
    void observe(float[] grid) {
        set(grid, 9, position, 0);
        for (int i = 0; i < 100; i++) {
            if (aliens[i]) {
                set(grid, i / 10, i % 10, 1);
                set(grid, i / 10, i % 10, alienDirection < 0 ? 2 : 3);
            }
            if (playerBullets[i]) {
                set(grid, i / 10, i % 10, 4);
            }
            if (alienBullets[i]) {
                set(grid, i / 10, i % 10, 5);
            }
        }
    }

    @Override
    void write(IntState.Writer out) {
        out.put(position).put(alienDirection).put(enemyMoveInterval).put(alienMoveTimer).put(alienShotTimer)
                .put(rampIndex).put(shotTimer).put(terminal);
        for (int i = 0; i < 100; i++) {
            out.put(aliens[i]).put(playerBullets[i]).put(alienBullets[i]);
        }
    }

    @Override
    void read(IntState.Reader in) {
        position = in.nextInt();
        alienDirection = in.nextInt();
        enemyMoveInterval = in.nextInt();
        alienMoveTimer = in.nextInt();
        alienShotTimer = in.nextInt();
        rampIndex = in.nextInt();
        shotTimer = in.nextInt();
        terminal = in.nextBoolean();
        for (int i = 0; i < 100; i++) {
            aliens[i] = in.nextBoolean();
            playerBullets[i] = in.nextBoolean();
            alienBullets[i] = in.nextBoolean();
        }
    }
}
