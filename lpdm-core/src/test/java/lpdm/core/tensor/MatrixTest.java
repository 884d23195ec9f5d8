package lpdm.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void rowMajorLayout() {
        Matrix m = Matrix.ofRows(new float[] {1, 2, 3}, new float[] {4, 5, 6});
        assertThat(m.rows).isEqualTo(2);
        assertThat(m.cols).isEqualTo(3);
        assertThat(m.data).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(m.get(1, 0)).isEqualTo(4f);
        m.set(0, 2, 9f);
        assertThat(m.data[2]).isEqualTo(9f);
        assertThat(m.row(1)).containsExactly(4, 5, 6);
        assertThat(m.bytes()).isEqualTo(24);
    }

    @Test
    void copiesAreIndependentAndWrapIsNot() {
        float[] data = {1, 2, 3, 4};
        Matrix wrapped = new Matrix(2, 2, data);
        data[0] = 7;
        assertThat(wrapped.get(0, 0)).isEqualTo(7f);
        Matrix copy = wrapped.copy();
        copy.set(0, 0, 1);
        assertThat(wrapped.get(0, 0)).isEqualTo(7f);
        float[] row = wrapped.row(0);
        row[1] = 100;
        assertThat(wrapped.get(0, 1)).isEqualTo(2f);
        assertThat(copy.sameShape(wrapped)).isTrue();
        assertThat(copy.sameShape(new Matrix(4, 1))).isFalse();
    }

    @Test
    void emptyShapesAreAllowed() {
        assertThat(new Matrix(0, 5).data).isEmpty();
        assertThat(new Matrix(5, 0).data).isEmpty();
        assertThat(Matrix.ofRows().rows).isZero();
    }

    @Test
    void invalidShapesAreRejected() {
        assertThatThrownBy(() -> new Matrix(-1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Matrix(2, 2, new float[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
        assertThatThrownBy(() -> new Matrix(1 << 16, 1 << 16)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Matrix.ofRows(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("row 1");
    }
}
