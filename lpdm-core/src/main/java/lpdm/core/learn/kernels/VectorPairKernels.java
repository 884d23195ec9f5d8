package lpdm.core.learn.kernels;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MUL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sampled-pair distances and gradient scatter of {@link SampledPairsKernel} with the JDK's
 * Vector API, used when {@code lpdm.core.tensor.MatrixOps#vectorApi()} is on (never loaded
 * otherwise): the same float operations in the same order as the plain loops, so the same bits (a
 * property test compares the whole loss and gradient). Vector versions of the all-pairs distances
 * and gradient were tried and measured no faster or slower in the update step
 * (docs/performance.md); they run as plain loops.
 */
final class VectorPairKernels {
    // Arithmetic only by lanewise(ADD | MUL) at these call sites, the two operations the matrix
    // kernels use: FloatVector.add/sub/mul share one JVM-wide type profile (see the note in
    // lpdm.core.tensor.VectorKernels), and a SUB of the kernels' shape anywhere in the JVM made
    // them lose their vector stores on recompilation (docs/notes/performance-notebook.md, session 6). So x - y is
    // written x + (-1) y, the same IEEE operation, signed zeros included. VectorCodeRulesTest
    // checks the sources; scripts/jit-order-check.sh the timing.

    /** Eight float lanes: lane r holds the plain loop's partial sum s_r. */
    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;
    /** Lane permutations of the pairwise combination: neighbours, pairs of lanes, halves. */
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromValues(EIGHT, 1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromValues(EIGHT, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromValues(EIGHT, 4, 5, 6, 7, 0, 1, 2, 3);
    /** -1 in every lane, for x - y as x + (-1) y. */
    private static final FloatVector MINUS_ONE_8 = FloatVector.broadcast(EIGHT, -1f);
    /** The matrix kernels' vectors: the machine's preferred shape (16 float lanes with AVX-512). */
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

    private VectorPairKernels() {
    }

    /**
     * out[q] = ||row fi[q] - row se[q]||^2 for q &lt; p over the rows of md (d columns): eight partial
     * sums over k = r (mod 8), combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)),
     * the differences as x + (-1) y (note at the top; on AVX2 machines this shape is the matrix
     * kernels' own). Only for d a multiple of 8; otherwise the plain loop runs (with fewer than eight
     * coordinates, as in a CartPole observation, or a remainder, the lanes had to be taken apart
     * one by one, which cost more than the vector saved).
     */
    static void sampledSquaredDistances(float[] md, int d, int[] fi, int[] se, int p, float[] out) {
        for (int q = 0; q < p; q++) {
            int a = fi[q] * d;
            int b = se[q] * d;
            FloatVector acc = FloatVector.zero(EIGHT);
            int k = 0;
            for (; k < d; k += 8) {
                FloatVector e = FloatVector.fromArray(EIGHT, md, a + k).lanewise(ADD, FloatVector.fromArray(EIGHT, md, b + k).lanewise(MUL, MINUS_ONE_8));
                acc = acc.lanewise(ADD, e.lanewise(MUL, e));
            }
            // ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) in lane 0, by three lane-wise additions.
            FloatVector v1 = acc.lanewise(ADD, acc.rearrange(SWAP1));
            FloatVector v2 = v1.lanewise(ADD, v1.rearrange(SWAP2));
            out[q] = v2.lanewise(ADD, v2.rearrange(SWAP4)).lane(0);
        }
    }

    /** Whether {@link #scatter} takes rows of {@code d} floats (a whole number of vectors). */
    static boolean scatters(int d) {
        return d % PREFERRED.length() == 0;
    }

    /**
     * ai[k] += t_k, aj[k] -= t_k with t_k = c (hi[k] - hj[k]) for k &lt; d ({@link #scatters}): the
     * sampled-pair scatter of the plain loop, with the same bits, in the matrix kernels' vector
     * shape and, like them, only with {@code ADD} and {@code MUL} (a {@code SUB} here put BP's
     * update from 94 to 365 us after an LPDM run; see the note at the top).
     */
    static void scatter(float[] hi, float[] hj, float[] ai, float[] aj, float c, int d) {
        final FloatVector scale = FloatVector.broadcast(PREFERRED, c);
        final FloatVector minusOne = FloatVector.broadcast(PREFERRED, -1f);
        for (int k = 0; k < d; k += PREFERRED.length()) {
            FloatVector diff = FloatVector.fromArray(PREFERRED, hi, k).lanewise(ADD, FloatVector.fromArray(PREFERRED, hj, k).lanewise(MUL, minusOne));
            FloatVector t = diff.lanewise(MUL, scale);
            FloatVector.fromArray(PREFERRED, ai, k).lanewise(ADD, t).intoArray(ai, k);
            FloatVector.fromArray(PREFERRED, aj, k).lanewise(ADD, t.lanewise(MUL, minusOne)).intoArray(aj, k);
        }
    }
}
