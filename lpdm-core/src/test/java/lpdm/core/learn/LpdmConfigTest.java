package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.LpdmConfig.PairSampling;
import org.junit.jupiter.api.Test;

class LpdmConfigTest {

    @Test
    void listedDefaultsAreTheDefaults() {
        Map<String, String> listed = new HashMap<>();
        for (lpdm.core.settings.Setting<?> s : LpdmConfig.SETTINGS) {
            assertThat(s.doc()).isNotBlank();
            listed.put(s.name(), s.defaultValue());
        }
        assertThat(LpdmConfig.fromSettings(listed)).isEqualTo(LpdmConfig.DEFAULTS);
        assertThat(LpdmConfig.fromSettings(Map.of())).isEqualTo(LpdmConfig.DEFAULTS);
        assertThat(LpdmConfig.names()).containsExactly("lpdm.preset", "lpdm.guidance", "lpdm.guidance_form", "lpdm.actor_signal",
                "lpdm.critic_signal", "lpdm.normalise", "lpdm.pairs", "lpdm.lr", "lpdm.eps", "lpdm.target",
                "lpdm.guidance_schedule", "lpdm.lr_schedule", "lpdm.layer_lr_decay", "lpdm.guidance_scale", "lpdm.gradient_form",
                "lpdm.decorrelation", "lpdm.local_head", "lpdm.local_head_signal");
        assertThat(LpdmConfig.DEFAULTS.toSettings().keySet()).containsExactlyElementsOf(
                LpdmConfig.names().stream().filter(n -> !n.equals("lpdm.preset")).toList());
        LpdmConfig d = LpdmConfig.DEFAULTS;
        assertThat(d.guidance()).isEqualTo(2.0);
        assertThat(d.guidanceForm()).isEqualTo(GuidanceForm.ADDITIVE);
        assertThat(d.actorSignal()).isEqualTo("advantage");
        assertThat(d.criticSignal()).isEqualTo("value");
        assertThat(d.normalise()).isEqualTo(Normalisation.NONE);
        assertThat(d.pairs()).isEqualTo(PairSampling.all());
        assertThat(d.lr()).isEqualTo(2.5e-4);
        assertThat(d.eps()).isEqualTo(1e-8);
        assertThat(d.adamEps()).isEqualTo(1e-5);
        assertThat(d.lrSchedule()).isEqualTo(LpdmConfig.Schedule.FOLLOW);
        assertThat(d.guidanceSchedule()).isEqualTo(LpdmConfig.Schedule.CONSTANT);
    }

    @Test
    void schedulesScaleByProgressOrByTheAlgorithmsLrFraction() {
        for (double p : new double[] {0, 0.25, 0.999, 1}) {
            assertThat(LpdmConfig.Schedule.CONSTANT.factor(p, 0.3)).isEqualTo(1.0);
            assertThat(LpdmConfig.Schedule.LINEAR_DECAY.factor(p, 0.3)).isEqualTo(1.0 - p);
            assertThat(LpdmConfig.Schedule.FOLLOW.factor(p, 0.3)).isEqualTo(0.3);
            // under PPO's annealing the algorithm's fraction is 1 - p: follow gives linear_decay's number
            assertThat(LpdmConfig.Schedule.FOLLOW.factor(p, 1.0 - p)).isEqualTo(LpdmConfig.Schedule.LINEAR_DECAY.factor(p, 0.3));
        }
        assertThat(LpdmConfig.Schedule.LINEAR_DECAY.factor(1.5, 1)).isZero();
    }

    @Test
    void parsesEveryName() {
        LpdmConfig c = LpdmConfig.fromSettings(Map.of("lpdm.guidance", "2", "lpdm.guidance_form", "JOINT",
                "lpdm.actor_signal", "advantage", "lpdm.critic_signal", "return", "lpdm.normalise", "mean",
                "lpdm.pairs", "sampled:16", "lpdm.lr", "1e-3", "lpdm.eps", "1e-6", "ppo.lr", "ignored"));
        assertThat(c).isEqualTo(new LpdmConfig(2, GuidanceForm.JOINT, "advantage", "return", Normalisation.MEAN,
                PairSampling.sampled(16), 1e-3, 1e-6, 1e-5).withLrSchedule(LpdmConfig.Schedule.FOLLOW));
        assertThat(LpdmConfig.fromSettings(c.toSettings())).isEqualTo(c);
        assertThat(c.signalFor(NetworkRole.ACTOR)).isEqualTo("advantage");
        assertThat(c.signalFor(NetworkRole.CRITIC)).isEqualTo("return");
        assertThat(c.withLr(0.5).lr()).isEqualTo(0.5);
        assertThat(LpdmConfig.fromSettings(Map.of("lpdm.guidance", "3"), c.withLr(7e-4)).lr()).isEqualTo(7e-4);
        assertThat(PairSampling.sampled(16).toString()).isEqualTo("sampled:16");
    }

    @Test
    void presetsAreStartingPointsThatOtherSettingsOverride() {
        assertThat(LpdmConfig.fromSettings(Map.of("lpdm.preset", "plain"))).isEqualTo(LpdmConfig.PLAIN);
        assertThat(LpdmConfig.fromSettings(Map.of("lpdm.preset", "default"))).isEqualTo(LpdmConfig.DEFAULTS);
        LpdmConfig p = LpdmConfig.PLAIN;
        assertThat(p.guidance()).isZero();
        assertThat(p.target()).isEqualTo(LpdmConfig.Target.INPUT);
        assertThat(p.normalise()).isEqualTo(Normalisation.NONE);
        assertThat(p.guidanceSchedule()).isEqualTo(LpdmConfig.Schedule.CONSTANT);
        assertThat(p.lrSchedule()).as("the plain reading keeps the hidden layers' lr constant").isEqualTo(LpdmConfig.Schedule.CONSTANT);
        assertThat(p.layerLrDecay()).isEqualTo(1.0);
        assertThat(LpdmConfig.fromSettings(Map.of("lpdm.preset", "plain", "lpdm.guidance", "2")).guidance()).isEqualTo(2.0);
        assertThat(LpdmConfig.fromSettings(Map.of("lpdm.preset", "plain", "lpdm.guidance", "2")).target()).isEqualTo(LpdmConfig.Target.INPUT);
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.preset", "best"))).hasMessage("lpdm.preset: expected default or plain, got 'best'");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.pairs", "x")))
                .hasMessage("lpdm.pairs: expected all or sampled:K with K >= 1, got 'x'");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.pairs", "sampled:0"))).hasMessageStartingWith("lpdm.pairs:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.pairs", "sampled:two"))).hasMessageStartingWith("lpdm.pairs:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.guidance", "-1"))).hasMessageStartingWith("lpdm.guidance:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.guidance", "lots"))).hasMessageStartingWith("lpdm.guidance:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.guidance_form", "sum"))).hasMessageStartingWith("lpdm.guidance_form:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.actor_signal", "q"))).hasMessageStartingWith("lpdm.actor_signal:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.critic_signal", ""))).hasMessageStartingWith("lpdm.critic_signal:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.normalise", "max"))).hasMessageStartingWith("lpdm.normalise:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.lr", "NaN"))).hasMessageStartingWith("lpdm.lr:");
        assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.eps", "0"))).hasMessageStartingWith("lpdm.eps:");
    }
}
