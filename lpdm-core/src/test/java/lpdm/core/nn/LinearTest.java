package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** A 3 -> 2 layer on a batch of two, worked by hand. */
class LinearTest {

    private static Linear handLayer() {
        Linear l = new Linear("fc", 3, 2);
        System.arraycopy(new float[] {1, 2, 3, -1, 0, 2}, 0, l.weight.value, 0, 6); // W = [[1,2,3],[-1,0,2]]
        l.bias.value[0] = 0.5f;
        l.bias.value[1] = -1f;
        return l;
    }

    @Test
    void namesAndShapes() {
        Linear l = handLayer();
        assertThat(l.weight.name).isEqualTo("fc.weight");
        assertThat(l.bias.name).isEqualTo("fc.bias");
        assertThat(l.weight.rows).isEqualTo(2);
        assertThat(l.weight.cols).isEqualTo(3);
        assertThat(l.bias.size()).isEqualTo(2);
        assertThat(l.weightMatrix().data).isSameAs(l.weight.value);
        assertThatThrownBy(() -> new Linear("bad", 0, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        assertThatThrownBy(() -> new Linear("bad", 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardIsXWTransposePlusBias() {
        Linear l = handLayer();
        Matrix x = Matrix.ofRows(new float[] {1, 0, -1}, new float[] {2, 1, 1});
        Matrix z = new Matrix(2, 2);
        l.forward(x, z);
        // row 0: [1-3, -1-2] + b = [-1.5, -4]; row 1: [2+2+3, -2+2] + b = [7.5, -1]
        assertThat(z.data).containsExactly(-1.5f, -4f, 7.5f, -1f);
    }

    @Test
    void gradientsByHand() {
        Linear l = handLayer();
        Matrix x = Matrix.ofRows(new float[] {1, 0, -1}, new float[] {2, 1, 1});
        Matrix dz = Matrix.ofRows(new float[] {1, 2}, new float[] {-1, 0.5f});
        java.util.Arrays.fill(l.weight.grad, Float.NaN);
        java.util.Arrays.fill(l.bias.grad, Float.NaN);
        l.parameterGradients(dz, x);
        // dW = dz^T x = [[1*1 + -1*2, 0 + -1, -1 + -1], [2 + 1, 0 + 0.5, -2 + 0.5]]
        assertThat(l.weight.grad).containsExactly(-1f, -1f, -2f, 3f, 0.5f, -1.5f);
        assertThat(l.bias.grad).containsExactly(0f, 2.5f);
        Matrix dx = new Matrix(2, 3);
        l.inputGradient(dz, dx);
        // dx = dz W = [[1 - 2, 2, 3 + 4], [-1 - 0.5, -2, -3 + 1]]
        assertThat(dx.data).containsExactly(-1f, 2f, 7f, -1.5f, -2f, -2f);
    }
}
