package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivationMeterTest {

    @Test
    void peakIsTheMaximumLiveTotal() {
        ActivationMeter m = new ActivationMeter();
        assertThat(m.live()).isZero();
        assertThat(m.peak()).isZero();
        m.hold(100);
        m.hold(50);
        m.drop(100);
        m.hold(30);
        assertThat(m.live()).isEqualTo(80);
        assertThat(m.peak()).isEqualTo(150);
        m.drop(80);
        assertThat(m.live()).isZero();
        assertThat(m.peak()).isEqualTo(150);
    }

    @Test
    void resetRestartsThePeakFromTheLiveTotal() {
        ActivationMeter m = new ActivationMeter();
        m.hold(200);
        m.drop(150);
        m.reset();
        assertThat(m.live()).isEqualTo(50);
        assertThat(m.peak()).isEqualTo(50);
        m.hold(10);
        assertThat(m.peak()).isEqualTo(60);
    }

    @Test
    void droppingMoreThanHeldFails() {
        ActivationMeter m = new ActivationMeter();
        m.hold(10);
        assertThatThrownBy(() -> m.drop(11)).isInstanceOf(IllegalStateException.class).hasMessageContaining("negative");
    }
}
