package lpdm.envs.minatar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seaquest: the player's submarine (front and back cell) moves in rows 0 to 8 and shoots
 * horizontally; enemy fish and enemy subs (which shoot) cross rows 1 to 8 and give +1 when shot;
 * divers can be picked up (at most 6) and must be brought to the surface (row 0) before the oxygen
 * runs out. Surfacing with 6 divers gives a bonus from the oxygen left and, when ramping is on,
 * speeds enemies up. The game ends on contact with an enemy or an enemy bullet, when the oxygen is
 * gone, or when surfacing with no diver.
 *
 * <p>Channels: 0 sub front, 1 sub back, 2 player bullet, 3 trail (the cell an enemy or diver came
 * from), 4 enemy bullet, 5 enemy fish, 6 enemy sub, 7 oxygen gauge (row 9), 8 rescued-diver gauge
 * (row 9), 9 diver.
 *
 * <p>Every moving object is an {@code int[]} in an ordered list: x, y, right (0/1), then for fish
 * and divers a move timer, for enemy subs a move timer and a shot timer. The lists are visited and
 * edited exactly as the original's Python lists: from last to first with a cursor that is re-checked
 * against the current length, removal of the first element equal in every field.
 */
final class Seaquest extends Game {
    private static final int MAX_OXYGEN = 200;
    private static final int INIT_SPAWN_SPEED = 20;
    private static final int DIVER_SPAWN_SPEED = 30;
    private static final int INIT_MOVE_INTERVAL = 5;
    private static final int SHOT_COOL_DOWN = 5;
    private static final int ENEMY_SHOT_INTERVAL = 10;
    private static final int DIVER_MOVE_INTERVAL = 5;
    private static final double ONE_THIRD = 1.0 / 3.0;
    private static final int X = 0;
    private static final int Y = 1;
    private static final int RIGHT_FLAG = 2;
    private static final int MOVE_TIMER = 3;
    private static final int SHOT_TIMER = 4;

    private int subX;
    private int subY;
    private boolean facingRight;
    private int oxygen;
    private int diverCount;
    private final List<int[]> playerBullets = new ArrayList<>();
    private final List<int[]> enemyBullets = new ArrayList<>();
    private final List<int[]> fish = new ArrayList<>();
    private final List<int[]> enemySubs = new ArrayList<>();
    private final List<int[]> divers = new ArrayList<>();
    private int enemySpawnSpeed;
    private int enemySpawnTimer;
    private int diverSpawnTimer;
    private int moveSpeed;
    private int rampIndex;
    private int shotTimer;
    private boolean surface;

    Seaquest(boolean ramping) {
        super(ramping);
    }

    @Override
    int channels() {
        return 10;
    }

    @Override
    int[] minimalActions() {
        return new int[] {NOOP, LEFT, UP, RIGHT, DOWN, FIRE};
    }

    @Override
    void reset(NumpyRandomState rng) {
        subX = 5;
        subY = 0;
        facingRight = false;
        oxygen = MAX_OXYGEN;
        diverCount = 0;
        playerBullets.clear();
        enemyBullets.clear();
        fish.clear();
        enemySubs.clear();
        divers.clear();
        enemySpawnSpeed = INIT_SPAWN_SPEED;
        enemySpawnTimer = INIT_SPAWN_SPEED;
        diverSpawnTimer = DIVER_SPAWN_SPEED;
        moveSpeed = INIT_MOVE_INTERVAL;
        rampIndex = 0;
        shotTimer = 0;
        surface = true;
        terminal = false;
    }

    @Override
    int act(int action, NumpyRandomState rng) {
        int reward = 0;
        // 1. Enemy spawn.
        if (enemySpawnTimer == 0) {
            spawnEnemy(rng);
            enemySpawnTimer = enemySpawnSpeed;
        }
        // 2. Diver spawn.
        if (diverSpawnTimer == 0) {
            boolean right = rng.rand() < 0.5;
            int y = (int) rng.randint(1, 9);
            divers.add(new int[] {right ? 0 : 9, y, right ? 1 : 0, DIVER_MOVE_INTERVAL});
            diverSpawnTimer = DIVER_SPAWN_SPEED;
        }
        // 3. Player action.
        if (action == FIRE) {
            if (shotTimer == 0) {
                playerBullets.add(new int[] {subX, subY, facingRight ? 1 : 0});
                shotTimer = SHOT_COOL_DOWN;
            }
        } else if (action == LEFT) {
            subX = Math.max(0, subX - 1);
            facingRight = false;
        } else if (action == RIGHT) {
            subX = Math.min(9, subX + 1);
            facingRight = true;
        } else if (action == UP) {
            subY = Math.max(0, subY - 1);
        } else if (action == DOWN) {
            subY = Math.min(8, subY + 1);
        }
        // 4. Player bullets.
        for (int i = playerBullets.size() - 1; i >= 0 && i < playerBullets.size(); ) {
            int[] b = playerBullets.get(i--);
            move(b);
            if (outside(b)) {
                removeEqual(playerBullets, b);
            } else {
                int[] hit = firstAt(fish, b[X], b[Y]);
                if (hit == null) {
                    hit = firstAt(enemySubs, b[X], b[Y]);
                    if (hit != null) {
                        removeEqual(enemySubs, hit);
                    }
                } else {
                    removeEqual(fish, hit);
                }
                if (hit != null) {
                    removeEqual(playerBullets, b);
                    reward++;
                }
            }
        }
        // 5. Divers.
        for (int i = divers.size() - 1; i >= 0 && i < divers.size(); ) {
            int[] d = divers.get(i--);
            if (atSub(d) && diverCount < 6) {
                removeEqual(divers, d);
                diverCount++;
            } else if (d[MOVE_TIMER] == 0) {
                d[MOVE_TIMER] = DIVER_MOVE_INTERVAL;
                move(d);
                if (outside(d)) {
                    removeEqual(divers, d);
                } else if (atSub(d) && diverCount < 6) {
                    removeEqual(divers, d);
                    diverCount++;
                }
            } else {
                d[MOVE_TIMER]--;
            }
        }
        // 6. Enemy subs; a sub removed in its own move still fires.
        for (int i = enemySubs.size() - 1; i >= 0 && i < enemySubs.size(); ) {
            int[] s = enemySubs.get(i--);
            reward += moveEnemy(enemySubs, s);
            if (s[SHOT_TIMER] == 0) {
                s[SHOT_TIMER] = ENEMY_SHOT_INTERVAL;
                enemyBullets.add(new int[] {s[X], s[Y], s[RIGHT_FLAG]});
            } else {
                s[SHOT_TIMER]--;
            }
        }
        // 7. Enemy bullets.
        for (int i = enemyBullets.size() - 1; i >= 0 && i < enemyBullets.size(); ) {
            int[] e = enemyBullets.get(i--);
            if (atSub(e)) {
                terminal = true;
            }
            move(e);
            if (outside(e)) {
                removeEqual(enemyBullets, e);
            } else if (atSub(e)) {
                terminal = true;
            }
        }
        // 8. Fish.
        for (int i = fish.size() - 1; i >= 0 && i < fish.size(); ) {
            reward += moveEnemy(fish, fish.get(i--));
        }
        // 9. Timers.
        if (enemySpawnTimer > 0) {
            enemySpawnTimer--;
        }
        if (diverSpawnTimer > 0) {
            diverSpawnTimer--;
        }
        if (shotTimer > 0) {
            shotTimer--;
        }
        // 10. Oxygen and surfacing.
        if (oxygen <= 0) {
            terminal = true;
        }
        if (subY > 0) {
            oxygen--;
            surface = false;
        } else if (!surface) {
            if (diverCount == 0) {
                terminal = true;
            } else {
                reward += surface();
            }
        }
        return reward;
    }

    private void spawnEnemy(NumpyRandomState rng) {
        boolean right = rng.rand() < 0.5;
        boolean isSub = rng.rand() < ONE_THIRD;
        int y = (int) rng.randint(1, 9);
        int flag = right ? 1 : 0;
        for (List<int[]> list : List.of(enemySubs, fish)) {
            for (int[] e : list) {
                if (e[Y] == y && e[RIGHT_FLAG] != flag) {
                    return;
                }
            }
        }
        int x = right ? 0 : 9;
        if (isSub) {
            enemySubs.add(new int[] {x, y, flag, moveSpeed, ENEMY_SHOT_INTERVAL});
        } else {
            fish.add(new int[] {x, y, flag, moveSpeed});
        }
    }

    /** Contact, then (when its timer fires) the move of an enemy fish or sub; returns the reward. */
    private int moveEnemy(List<int[]> list, int[] e) {
        if (atSub(e)) {
            terminal = true;
        }
        if (e[MOVE_TIMER] == 0) {
            e[MOVE_TIMER] = moveSpeed;
            move(e);
            if (outside(e)) {
                removeEqual(list, e);
            } else if (atSub(e)) {
                terminal = true;
            } else {
                int[] bullet = firstAt(playerBullets, e[X], e[Y]);
                if (bullet != null) {
                    removeEqual(list, e);
                    removeEqual(playerBullets, bullet);
                    return 1;
                }
            }
        } else {
            e[MOVE_TIMER]--;
        }
        return 0;
    }

    private int surface() {
        surface = true;
        int reward = 0;
        if (diverCount == 6) {
            diverCount = 0;
            reward = oxygen * 10 / MAX_OXYGEN;
        }
        oxygen = MAX_OXYGEN;
        diverCount--;
        if (ramping && (enemySpawnSpeed > 1 || moveSpeed > 2)) {
            if (moveSpeed > 2 && rampIndex % 2 == 1) {
                moveSpeed--;
            }
            if (enemySpawnSpeed > 1) {
                enemySpawnSpeed--;
            }
            rampIndex++;
        }
        return reward;
    }

    private static void move(int[] e) {
        e[X] += e[RIGHT_FLAG] == 1 ? 1 : -1;
    }

    private static boolean outside(int[] e) {
        return e[X] < 0 || e[X] > 9;
    }

    private boolean atSub(int[] e) {
        return e[X] == subX && e[Y] == subY;
    }

    private static int[] firstAt(List<int[]> list, int x, int y) {
        for (int[] e : list) {
            if (e[X] == x && e[Y] == y) {
                return e;
            }
        }
        return null;
    }

    /** Removes the first element equal to {@code e} in every field, as Python's {@code list.remove}. */
    private static void removeEqual(List<int[]> list, int[] e) {
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), e)) {
                list.remove(i);
                return;
            }
        }
        throw new IllegalStateException("Seaquest: element to remove is not in its list");
    }

    @Override
    void observe(float[] grid) {
        set(grid, subY, subX, 0);
        int back = facingRight ? subX - 1 : subX + 1;
        if (back >= 0 && back <= 9) {
            set(grid, subY, back, 1);
        }
        int oxygenCells = Math.max(0, oxygen) * 10 / MAX_OXYGEN;
        for (int col = 0; col < oxygenCells; col++) {
            set(grid, 9, col, 7);
        }
        for (int col = 9 - diverCount; col <= 8 && diverCount > 0; col++) {
            set(grid, 9, col, 8);
        }
        mark(grid, playerBullets, 2, false);
        mark(grid, enemyBullets, 4, false);
        mark(grid, fish, 5, true);
        mark(grid, enemySubs, 6, true);
        mark(grid, divers, 9, true);
    }

    private void mark(float[] grid, List<int[]> list, int channel, boolean trail) {
        for (int[] e : list) {
            if (outside(e)) {
                continue;
            }
            set(grid, e[Y], e[X], channel);
            if (trail) {
                int back = e[RIGHT_FLAG] == 1 ? e[X] - 1 : e[X] + 1;
                if (back >= 0 && back <= 9) {
                    set(grid, e[Y], back, 3);
                }
            }
        }
    }

    @Override
    void write(IntState.Writer out) {
        out.put(subX).put(subY).put(facingRight).put(oxygen).put(diverCount).put(enemySpawnSpeed).put(enemySpawnTimer)
                .put(diverSpawnTimer).put(moveSpeed).put(rampIndex).put(shotTimer).put(surface).put(terminal);
        for (List<int[]> list : List.of(playerBullets, enemyBullets, fish, enemySubs, divers)) {
            out.put(list.size());
            for (int[] e : list) {
                for (int v : e) {
                    out.put(v);
                }
            }
        }
    }

    @Override
    void read(IntState.Reader in) {
        subX = in.nextInt();
        subY = in.nextInt();
        facingRight = in.nextBoolean();
        oxygen = in.nextInt();
        diverCount = in.nextInt();
        enemySpawnSpeed = in.nextInt();
        enemySpawnTimer = in.nextInt();
        diverSpawnTimer = in.nextInt();
        moveSpeed = in.nextInt();
        rampIndex = in.nextInt();
        shotTimer = in.nextInt();
        surface = in.nextBoolean();
        terminal = in.nextBoolean();
        readList(in, playerBullets, 3);
        readList(in, enemyBullets, 3);
        readList(in, fish, 4);
        readList(in, enemySubs, 5);
        readList(in, divers, 4);
    }

    private static void readList(IntState.Reader in, List<int[]> list, int fields) {
        list.clear();
        int n = in.nextInt();
        for (int k = 0; k < n; k++) {
            int[] e = new int[fields];
            for (int f = 0; f < fields; f++) {
                e[f] = in.nextInt();
            }
            list.add(e);
        }
    }
}
