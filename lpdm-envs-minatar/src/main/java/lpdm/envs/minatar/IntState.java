package lpdm.envs.minatar;

import java.util.Arrays;

/** A game state as a flat sequence of integers, for checkpoints and {@code Env.state()}. */
final class IntState {
    private IntState() {
    }

    /** Appends integers and booleans in order. */
    static final class Writer {
        private long[] values = new long[64];
        private int size;

        Writer put(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
            return this;
        }

        Writer put(boolean b) {
            return put(b ? 1 : 0);
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order; fails on a short or long input. */
    static final class Reader {
        private final long[] values;
        private int next;

        Reader(long[] values) {
            this.values = values;
        }

        int nextInt() {
            if (next >= values.length) {
                throw new IllegalArgumentException("MinAtar game state too short: " + values.length + " values");
            }
            return Math.toIntExact(values[next++]);
        }

        boolean nextBoolean() {
            return nextInt() != 0;
        }

        void end() {
            if (next != values.length) {
                throw new IllegalArgumentException("MinAtar game state has " + values.length + " values, expected " + next);
            }
        }
    }
}
