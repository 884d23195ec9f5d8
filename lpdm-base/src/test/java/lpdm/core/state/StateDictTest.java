package lpdm.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateDictTest {

    @Test
    void storesCopiesInInsertionOrder() {
        StateDict s = new StateDict();
        float[] f = {1, 2};
        s.putFloats("z.f", f);
        s.putDoubles("a.d", new double[] {3});
        s.putLongs("m.l", new long[] {4, 5});
        s.putLong("t", 7);
        s.putDouble("lr", 0.25);
        f[0] = 100;
        assertThat(s.floats("z.f")).containsExactly(1, 2);
        assertThat(s.doubles("a.d")).containsExactly(3);
        assertThat(s.longs("m.l")).containsExactly(4, 5);
        assertThat(s.getLong("t")).isEqualTo(7);
        assertThat(s.getDouble("lr")).isEqualTo(0.25);
        assertThat(s.entries().keySet()).containsExactly("z.f", "a.d", "m.l", "t", "lr");
        assertThat(s.contains("t")).isTrue();
        assertThat(s.contains("T")).isFalse();
        assertThatThrownBy(() -> s.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNameCanBeWrittenOnlyOnce() {
        StateDict s = new StateDict();
        s.putFloats("w", new float[1]);
        assertThatThrownBy(() -> s.putFloats("w", new float[1])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("written twice: w");
        assertThatThrownBy(() -> s.putLong("w", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.putRaw("w", new double[1])).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.floats("w")).hasSize(1);
    }

    @Test
    void wrongTypeMissingEntryAndWrongLengthAreNamed() {
        StateDict s = new StateDict();
        s.putLong("t", 3);
        s.putFloats("m", new float[3]);
        assertThatThrownBy(() -> s.floats("t")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'t'").hasMessageContaining("float[]");
        assertThatThrownBy(() -> s.getDouble("t")).isInstanceOf(IllegalStateException.class).hasMessageContaining("double[]");
        assertThatThrownBy(() -> s.longs("missing")).isInstanceOf(IllegalStateException.class).hasMessageContaining("no entry 'missing'");
        assertThatThrownBy(() -> s.copyFloatsInto("m", new float[4])).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("m has 3 values, expected 4");
        float[] target = {9, 9, 9};
        s.copyFloatsInto("m", target);
        assertThat(target).containsOnly(0f);
    }

    @Test
    void putRawAcceptsOnlyTheThreeArrayTypes() {
        StateDict s = new StateDict();
        s.putRaw("f", new float[] {1});
        s.putRaw("d", new double[] {2});
        s.putRaw("l", new long[] {3});
        assertThat(s.entries()).hasSize(3);
        assertThatThrownBy(() -> s.putRaw("i", new int[] {1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i");
        assertThatThrownBy(() -> s.putRaw("s", "text")).isInstanceOf(IllegalArgumentException.class);
    }
}
