package lpdm.core.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lpdm.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Not a test: times the plain-loop product kernels of {@link MatrixOps} against EJML's
 * ({@code CommonOps_FDRM.multTransB}, {@code mult}, {@code multTransA}) on the shapes a small RL
 * MLP uses, then sweeps square sizes to find the work (rows x inner x cols) from which EJML wins.
 * The EJML column is timed as {@link MatrixOps} calls it: shape check and {@code FMatrixRMaj.wrap}
 * of the three arrays on every call. Each timing is the best and the median of several rounds after
 * a warm-up, in CPU time of the measuring thread (the machine is shared: wall time would count the
 * time slices given to other processes); nothing is asserted.
 *
 * <pre>
 * mvn -B -o -q test-compile -pl lpdm-core
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -pl lpdm-core
 * java -cp lpdm-core/target/classes:lpdm-core/target/test-classes:$(cat lpdm-core/cp.txt) lpdm.core.tensor.KernelSpeed [--quick]
 * </pre>
 */
public final class KernelSpeed {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 15;
    private static long warmupNanos = 400_000_000L;
    private static long roundNanos = 20_000_000L;
    /** Keeps the JIT from discarding results. */
    private static double sink;

    private KernelSpeed() {
    }

    /** Which product: c = a b^T, c = a b, c = a^T b. */
    private enum Kind {
        TRANS_B("a*b^T"), MULT("a*b"), TRANS_A("a^T*b");

        final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * One product. For TRANS_B a is n x k and b is m x k; for MULT a is n x k and b is k x m; for
     * TRANS_A a is k x n and b is k x m. c is n x m in every case and the work is n k m.
     */
    private record Case(String label, Kind kind, int n, int k, int m) {
        long work() {
            return (long) n * k * m;
        }

        String shape() {
            return switch (kind) {
                case TRANS_B -> String.format("(%dx%d)(%dx%d)^T", n, k, m, k);
                case MULT -> String.format("(%dx%d)(%dx%d)", n, k, k, m);
                case TRANS_A -> String.format("(%dx%d)^T(%dx%d)", k, n, k, m);
            };
        }
    }

    private abstract static class Body {
        abstract void run();
    }

    /** Best and median ns per call. */
    private record Timing(double best, double median) {
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.uniform(-1, 1);
        }
        return m;
    }

    private static Body plain(Case c, Matrix a, Matrix b, Matrix out) {
        return switch (c.kind) {
            case TRANS_B -> new Body() {
                @Override
                void run() {
                    MatrixOps.multiplyTransBPlain(a, b, out);
                }
            };
            case MULT -> new Body() {
                @Override
                void run() {
                    MatrixOps.multiplyPlain(a, b, out);
                }
            };
            case TRANS_A -> new Body() {
                @Override
                void run() {
                    MatrixOps.multiplyTransAPlain(a, b, out);
                }
            };
        };
    }

    private static Body ejml(Case c, Matrix a, Matrix b, Matrix out) {
        return switch (c.kind) {
            case TRANS_B -> new Body() {
                @Override
                void run() {
                    CommonOps_FDRM.multTransB(FMatrixRMaj.wrap(a.rows, a.cols, a.data), FMatrixRMaj.wrap(b.rows, b.cols, b.data),
                        FMatrixRMaj.wrap(out.rows, out.cols, out.data));
                }
            };
            case MULT -> new Body() {
                @Override
                void run() {
                    CommonOps_FDRM.mult(FMatrixRMaj.wrap(a.rows, a.cols, a.data), FMatrixRMaj.wrap(b.rows, b.cols, b.data),
                        FMatrixRMaj.wrap(out.rows, out.cols, out.data));
                }
            };
            case TRANS_A -> new Body() {
                @Override
                void run() {
                    CommonOps_FDRM.multTransA(FMatrixRMaj.wrap(a.rows, a.cols, a.data), FMatrixRMaj.wrap(b.rows, b.cols, b.data),
                        FMatrixRMaj.wrap(out.rows, out.cols, out.data));
                }
            };
        };
    }

    /** CPU time of this thread for {@code calls} calls, so that time sliced away to other processes is not counted. */
    private static long loop(Body body, long calls) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (long i = 0; i < calls; i++) {
            body.run();
        }
        return THREADS.getCurrentThreadCpuTime() - t0;
    }

    /** Calls needed for about {@code nanos}, from a rough estimate. */
    private static long callsFor(Body body, long nanos) {
        long calls = 1;
        while (true) {
            long t = loop(body, calls);
            if (t > 2_000_000L || calls > 1L << 30) {
                return Math.max(1, (long) ((double) calls * nanos / t));
            }
            calls *= 4;
        }
    }

    /** Times both bodies in alternating rounds so that background load hits both alike. */
    private static Timing[] time(Body first, Body second, Matrix out) {
        long warm = 0;
        while (warm < warmupNanos) {
            warm += loop(first, 64) + loop(second, 64);
        }
        long calls1 = callsFor(first, roundNanos);
        long calls2 = callsFor(second, roundNanos);
        double[] r1 = new double[ROUNDS];
        double[] r2 = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            r1[r] = (double) loop(first, calls1) / calls1;
            sink += out.data[0];
            r2[r] = (double) loop(second, calls2) / calls2;
            sink += out.data[out.data.length - 1];
        }
        Arrays.sort(r1);
        Arrays.sort(r2);
        return new Timing[] {new Timing(r1[0], r1[ROUNDS / 2]), new Timing(r2[0], r2[ROUNDS / 2])};
    }

    /** Returns best-of-rounds plain / EJML and prints one row. */
    private static double measure(Case c, Rng rng) {
        Matrix a = c.kind == Kind.TRANS_A ? random(c.k, c.n, rng) : random(c.n, c.k, rng);
        Matrix b = c.kind == Kind.TRANS_B ? random(c.m, c.k, rng) : random(c.k, c.m, rng);
        Matrix out = new Matrix(c.n, c.m);
        Timing[] t = time(plain(c, a, b, out), ejml(c, a, b, out), out);
        double ratio = t[0].best / t[1].best;
        System.out.printf(Locale.ROOT, "| %-26s | %-22s | %10d | %11.0f | %11.0f | %11.0f | %11.0f | %5.2f | %-6s |%n",
            c.label, c.shape(), c.work(), t[0].best, t[0].median, t[1].best, t[1].median, ratio, ratio > 1 ? "EJML" : "plain");
        return ratio;
    }

    private static void header() {
        System.out.println("| case                       | product                |       work | plain best  | plain med   | EJML best   | EJML med    | p/E   | faster |");
        System.out.println("|----------------------------|------------------------|-----------:|------------:|------------:|------------:|------------:|------:|--------|");
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--quick")) {
            warmupNanos /= 4;
            roundNanos /= 4;
        }
        Rng rng = new Rng(1);
        System.out.println("ns (thread CPU time) per call; best and median of " + ROUNDS + " rounds; p/E = plain best / EJML best (> 1: EJML faster)");
        System.out.println();
        System.out.println("Shapes of a small RL MLP (batch 128 or 4 envs, 4 inputs, 64 hidden, 2 outputs) and 256-wide layers:");
        header();
        List<Case> network = List.of(
            new Case("fwd layer0 N=128", Kind.TRANS_B, 128, 4, 64),
            new Case("fwd hidden N=128", Kind.TRANS_B, 128, 64, 64),
            new Case("fwd head N=128", Kind.TRANS_B, 128, 64, 2),
            new Case("fwd layer0 N=4 (rollout)", Kind.TRANS_B, 4, 4, 64),
            new Case("fwd 256 wide", Kind.TRANS_B, 256, 256, 256),
            new Case("dW layer0 N=128", Kind.TRANS_A, 64, 128, 4),
            new Case("dW hidden N=128", Kind.TRANS_A, 64, 128, 64),
            new Case("dW head N=128", Kind.TRANS_A, 2, 128, 64),
            new Case("dW 256 wide", Kind.TRANS_A, 256, 256, 256),
            new Case("dX hidden N=128", Kind.MULT, 128, 64, 64),
            new Case("dX head N=128", Kind.MULT, 128, 2, 64),
            new Case("dX 256 wide", Kind.MULT, 256, 256, 256));
        for (Case c : network) {
            measure(c, rng);
        }

        System.out.println();
        System.out.println("Square sweep n = k = m:");
        header();
        int[] sizes = {4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384};
        for (Kind kind : Kind.values()) {
            List<long[]> wins = new ArrayList<>();
            for (int s : sizes) {
                double ratio = measure(new Case("square " + kind.symbol, kind, s, s, s), rng);
                wins.add(new long[] {(long) s * s * s, ratio > 1 ? 1 : 0});
            }
            // Smallest work from which EJML wins at every larger size of the sweep.
            long from = -1;
            for (int i = wins.size() - 1; i >= 0 && wins.get(i)[1] == 1; i--) {
                from = wins.get(i)[0];
            }
            System.out.println("  " + kind.symbol + ": EJML faster from work " + (from < 0 ? "(never at the largest size)" : String.valueOf(from)));
        }
        System.out.println();
        System.out.println("(sink " + (sink == 42.4242 ? "" : "ok") + ")");
    }
}
