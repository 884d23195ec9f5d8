package lpdm.envs.minatar;

/**
 * Breakout: a paddle on the bottom row returns a ball that moves diagonally; three rows of bricks
 * give +1 each and are refilled once all are gone. The game ends when the ball reaches the bottom
 * row without being returned. No ramping; the only random draw is the ball's start side at reset.
 *
 * <p>Channels: 0 paddle, 1 ball, 2 trail (the ball's cell before the last step), 3 brick.
 */
final class Breakout extends Game {
    /** dx and dy of the directions 0 up-left, 1 up-right, 2 down-right, 3 down-left. */
    private static final int[] DX = {-1, 1, 1, -1};
    private static final int[] DY = {-1, -1, 1, 1};
    /** Horizontal flip, vertical flip and full reversal of a direction. */
    private static final int[] FLIP_H = {1, 0, 3, 2};
    private static final int[] FLIP_V = {3, 2, 1, 0};
    private static final int[] REVERSE = {2, 3, 0, 1};

    private int ballX;
    private int ballY;
    private int direction;
    private int paddle;
    private final boolean[] bricks = new boolean[100];
    private boolean strike;
    private int lastX;
    private int lastY;

    Breakout() {
        super(false);
    }

    @Override
    int channels() {
        return 4;
    }

    @Override
    int[] minimalActions() {
        return new int[] {NOOP, LEFT, RIGHT};
    }

    @Override
    void reset(NumpyRandomState rng) {
        ballY = 3;
        if (rng.randint(2) == 0) {
            ballX = 0;
            direction = 2;
        } else {
            ballX = 9;
            direction = 3;
        }
        paddle = 4;
        java.util.Arrays.fill(bricks, false);
        fillBricks();
        strike = false;
        lastX = ballX;
        lastY = ballY;
        terminal = false;
    }

    private void fillBricks() {
        for (int i = 10; i < 40; i++) {
            bricks[i] = true;
        }
    }

    private boolean anyBrick() {
        for (boolean b : bricks) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    @Override
    int act(int action, NumpyRandomState rng) {
        int reward = 0;
        // 1. Paddle.
        if (action == LEFT) {
            paddle = Math.max(0, paddle - 1);
        } else if (action == RIGHT) {
            paddle = Math.min(9, paddle + 1);
        }
        // 2. Tentative position.
        lastX = ballX;
        lastY = ballY;
        int nx = ballX + DX[direction];
        int ny = ballY + DY[direction];
        boolean hit = false;
        // 4. Side walls.
        if (nx < 0 || nx > 9) {
            nx = Math.min(9, Math.max(0, nx));
            direction = FLIP_H[direction];
        }
        // 5. The first of top, brick, bottom row.
        if (ny < 0) {
            ny = 0;
            direction = FLIP_V[direction];
        } else if (bricks[ny * 10 + nx]) {
            hit = true;
            if (!strike) {
                reward += 1;
                strike = true;
                bricks[ny * 10 + nx] = false;
                ny = lastY;
                direction = FLIP_V[direction];
            }
        } else if (ny == 9) {
            if (!anyBrick()) {
                fillBricks();
            }
            if (lastX == paddle) {
                direction = FLIP_V[direction];
                ny = lastY;
            } else if (nx == paddle) {
                direction = REVERSE[direction];
                ny = lastY;
            } else {
                terminal = true;
            }
        }
        // 6.
        if (!hit) {
            strike = false;
        }
        // 7.
        ballX = nx;
        ballY = ny;
        return reward;
    }

    @Override
    void observe(float[] grid) {
        set(grid, ballY, ballX, 1);
        set(grid, 9, paddle, 0);
        set(grid, lastY, lastX, 2);
        for (int i = 0; i < 100; i++) {
            if (bricks[i]) {
                set(grid, i / 10, i % 10, 3);
            }
        }
    }

    @Override
    void write(IntState.Writer out) {
        out.put(ballX).put(ballY).put(direction).put(paddle).put(strike).put(lastX).put(lastY).put(terminal);
        for (boolean b : bricks) {
            out.put(b);
        }
    }

    @Override
    void read(IntState.Reader in) {
        ballX = in.nextInt();
        ballY = in.nextInt();
        direction = in.nextInt();
        paddle = in.nextInt();
        strike = in.nextBoolean();
        lastX = in.nextInt();
        lastY = in.nextInt();
        terminal = in.nextBoolean();
        for (int i = 0; i < 100; i++) {
            bricks[i] = in.nextBoolean();
        }
    }
}
