package lpdm.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SettingTest {
    enum Colour { RED, DARK_BLUE }

    @Test
    void eachTypeParsesAndFormatsBack() {
        Setting<Double> n = Setting.number("x.n", "1", "doc", 0, 2);
        assertThat(n.parse(" 1.5 ")).isEqualTo(1.5);
        assertThat(n.parse(n.format(0.25))).isEqualTo(0.25);
        Setting<Integer> i = Setting.integer("x.i", "1", "doc", 1);
        assertThat(i.parse("7")).isEqualTo(7);
        Setting<Boolean> b = Setting.bool("x.b", "true", "doc");
        assertThat(List.of(b.parse("yes"), b.parse("OFF"), b.parse("1"))).containsExactly(true, false, true);
        Setting<Colour> c = Setting.choice("x.c", "red", "doc", Colour.values());
        assertThat(c.parse("Dark_Blue")).isEqualTo(Colour.DARK_BLUE);
        assertThat(c.format(Colour.DARK_BLUE)).isEqualTo("dark_blue");
        Setting<OptionalDouble> o = Setting.optionalPositive("x.o", "none", "doc");
        assertThat(o.parse("none")).isEmpty();
        assertThat(o.parse("")).isEmpty();
        assertThat(o.parse("10")).hasValue(10.0);
        Setting<int[]> s = Setting.sizes("x.s", "64,64", "doc");
        assertThat(s.parse("64, 32")).containsExactly(64, 32);
        assertThat(s.format(new int[] {8, 4})).isEqualTo("8,4");
        assertThat(s.parse("")).isEmpty();
    }

    @Test
    void refusedTextsAreNamedWithTheReason() {
        assertThatThrownBy(() -> Setting.number("x.n", "1", "doc", 0, 2).parse("3")).isInstanceOf(InvalidSettingException.class)
                .hasMessage("x.n: expected a number in [0.0, 2.0], got '3'");
        assertThatThrownBy(() -> Setting.number("x.n", "1", "doc").parse("NaN")).hasMessage("x.n: expected a number, got 'NaN'");
        assertThatThrownBy(() -> Setting.integer("x.i", "1", "doc", 1).parse("0")).hasMessage("x.i: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> Setting.integer("x.i", "1", "doc", 1).parse("1.5")).hasMessage("x.i: expected an integer >= 1, got '1.5'");
        assertThatThrownBy(() -> Setting.bool("x.b", "true", "doc").parse("maybe")).hasMessage("x.b: expected true or false, got 'maybe'");
        assertThatThrownBy(() -> Setting.choice("x.c", "red", "doc", Colour.values()).parse("green"))
                .hasMessage("x.c: expected red or dark_blue, got 'green'");
        assertThatThrownBy(() -> Setting.optionalPositive("x.o", "none", "doc").parse("-1"))
                .hasMessage("x.o: expected a positive number or none, got '-1'");
        assertThatThrownBy(() -> Setting.sizes("x.s", "", "doc").parse("64,0")).hasMessage("x.s: sizes must be positive, got '64,0'");
        // A parser whose message already names the setting is not prefixed twice.
        Setting<String> named = Setting.of("x.p", "", "doc", t -> {
            throw new IllegalArgumentException("x.p: no");
        }, v -> v);
        assertThatThrownBy(() -> named.parse("a")).hasMessage("x.p: no");
    }

    @Test
    void historyAndPresetsAreKeptByTheDeclaration() {
        Setting<Double> n = Setting.number("x.n", "2", "doc").formerDefaults("0", "4").addedLater("1");
        assertThat(n.pastDefaults()).containsExactly("0", "4");
        assertThat(n.legacyValue()).isEqualTo("1");
        assertThat(n.name()).isEqualTo("x.n");
        assertThat(n.defaultValue()).isEqualTo("2");
        assertThat(Setting.number("x.m", "2", "doc").legacyValue()).isNull();
    }
}
