package lpdm.core.learn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Settings of the LPDM local rule (and of the diagnostics that {@link FrozenRule} measures). One
 * field per {@code --set} name; {@link #SETTINGS} lists them with defaults and a one-line doc.
 * See docs/lpdm.md for the math behind each option.
 *
 * @param guidance lambda >= 0, the weight of reward-driven guidance ({@code lpdm.guidance}); 0 = none
 * @param guidanceForm how the signal difference enters the target distance ({@code lpdm.guidance_form})
 * @param actorSignal guidance signal of the actor network ({@code lpdm.actor_signal})
 * @param criticSignal guidance signal of the critic network ({@code lpdm.critic_signal})
 * @param normalise distance normalisation ({@code lpdm.normalise})
 * @param pairs which sample pairs enter the loss ({@code lpdm.pairs})
 * @param lr Adam learning rate of the hidden layers ({@code lpdm.lr})
 * @param eps guard for the division by an output distance ({@code lpdm.eps})
 * @param adamEps eps of the hidden layers' Adam (not a --set name; CleanRL's 1e-5)
 */
public record LpdmConfig(
        double guidance,
        GuidanceForm guidanceForm,
        String actorSignal,
        String criticSignal,
        Normalisation normalise,
        PairSampling pairs,
        double lr,
        double eps,
        double adamEps) {

    /** How the guidance signal difference enters the target distance T_ij. */
    public enum GuidanceForm {
        /** T = sqrt(Din^2 + lambda^2 (g_i - g_j)^2). */
        JOINT,
        /** T = Din + lambda |g_i - g_j|. */
        ADDITIVE;

        public String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Distance normalisation. */
    public enum Normalisation {
        /** Distances as they are. */
        NONE,
        /** Din, Dout and T each divided by the mean over the batch's pairs (differentiated through the means). */
        MEAN;

        public String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Which pairs enter the loss: every unordered pair i &lt; j ({@link #all()}), or each sample
     * with {@code partners} random partners ({@link #sampled(int)}, P = N K).
     */
    public record PairSampling(boolean allPairs, int partners) {
        public PairSampling {
            if (allPairs && partners != 0) {
                throw new IllegalArgumentException("lpdm.pairs: 'all' takes no partner count");
            }
            if (!allPairs && partners < 1) {
                throw new IllegalArgumentException("lpdm.pairs: expected all or sampled:K with K >= 1, got sampled:" + partners);
            }
        }

        public static PairSampling all() {
            return new PairSampling(true, 0);
        }

        public static PairSampling sampled(int partners) {
            return new PairSampling(false, partners);
        }

        /** Parses {@code all} or {@code sampled:K} (K >= 1). */
        public static PairSampling parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("all")) {
                return all();
            }
            if (t.startsWith("sampled:")) {
                try {
                    int k = Integer.parseInt(t.substring("sampled:".length()).trim());
                    if (k >= 1) {
                        return sampled(k);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
            throw new IllegalArgumentException("lpdm.pairs: expected all or sampled:K with K >= 1, got '" + text + "'");
        }

        /** The setting's text: {@code all} or {@code sampled:K}. */
        @Override
        public String toString() {
            return allPairs ? "all" : "sampled:" + partners;
        }
    }

    /** One {@code --set} name with its default and a one-line doc, for the CLI's listing. */
    public record Setting(String name, String defaultValue, String doc) {
    }

    /** The signal names a rule can be guided by (see {@link Signals}). */
    public static final List<String> SIGNAL_NAMES = List.of(Signals.VALUE, Signals.ADVANTAGE, Signals.RETURN, Signals.REWARD);

    /** The defaults: no guidance (additive form if lambda is set), signal value, no normalisation, all pairs. */
    public static final LpdmConfig DEFAULTS = new LpdmConfig(
            0.0, GuidanceForm.ADDITIVE, Signals.VALUE, Signals.VALUE, Normalisation.NONE, PairSampling.all(), 2.5e-4, 1e-8, 1e-5);

    /** Every {@code --set} name this config reads, with its default and doc. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("lpdm.guidance", "0", "guidance weight lambda >= 0 (0 = plain LPDM, target = input distance)"),
            new Setting("lpdm.guidance_form", "additive", "joint: T = sqrt(Din^2 + lambda^2 dg^2); additive: T = Din + lambda |dg|"),
            new Setting("lpdm.actor_signal", "value", "actor's guidance signal: value, advantage, return or reward (standardised per batch)"),
            new Setting("lpdm.critic_signal", "value", "critic's guidance signal: value, advantage, return or reward (standardised per batch)"),
            new Setting("lpdm.normalise", "none", "distance normalisation: none, or mean (Din, Dout, T each divided by their batch mean)"),
            new Setting("lpdm.pairs", "all", "all (every pair i<j) or sampled:K (each sample with K random partners, P = N K)"),
            new Setting("lpdm.lr", "0.00025", "Adam learning rate of the hidden layers"),
            new Setting("lpdm.eps", "1e-8", "guard for the division by an output distance (coincident outputs)"));

    public LpdmConfig {
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("lpdm.guidance: expected a finite number >= 0, got " + guidance);
        }
        if (guidanceForm == null) {
            throw new IllegalArgumentException("lpdm.guidance_form: expected joint or additive, got null");
        }
        checkSignal("lpdm.actor_signal", actorSignal);
        checkSignal("lpdm.critic_signal", criticSignal);
        if (normalise == null) {
            throw new IllegalArgumentException("lpdm.normalise: expected none or mean, got null");
        }
        if (pairs == null) {
            throw new IllegalArgumentException("lpdm.pairs: expected all or sampled:K with K >= 1, got null");
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lpdm.lr: expected a finite number >= 0, got " + lr);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("lpdm.eps: expected a finite number > 0, got " + eps);
        }
        if (!(adamEps > 0) || Double.isInfinite(adamEps)) {
            throw new IllegalArgumentException("lpdm adamEps: expected a finite number > 0, got " + adamEps);
        }
    }

    private static void checkSignal(String setting, String signal) {
        if (signal == null || !SIGNAL_NAMES.contains(signal)) {
            throw new IllegalArgumentException(setting + ": expected one of " + String.join(", ", SIGNAL_NAMES) + ", got '" + signal + "'");
        }
    }

    /** The guidance signal name of a network role. */
    public String signalFor(NetworkRole role) {
        return role == NetworkRole.ACTOR ? actorSignal : criticSignal;
    }

    /** This config with another hidden-layer learning rate (for algorithms that tie it to their own). */
    public LpdmConfig withLr(double newLr) {
        return new LpdmConfig(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, newLr, eps, adamEps);
    }

    /** The {@code --set} names this config reads. */
    public static Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (Setting setting : SETTINGS) {
            s.add(setting.name());
        }
        return s;
    }

    /** {@link #fromSettings(Map, LpdmConfig)} over {@link #DEFAULTS}. */
    public static LpdmConfig fromSettings(Map<String, String> settings) {
        return fromSettings(settings, DEFAULTS);
    }

    /**
     * The config given by the {@code lpdm.*} names of {@code settings} (see {@link #SETTINGS}), each
     * absent name taken from {@code base}. Names outside {@link #names()} are ignored here (the map
     * may hold the algorithm's settings too); the caller decides whether unknown names are errors.
     * Malformed values fail with a message naming the setting.
     */
    public static LpdmConfig fromSettings(Map<String, String> settings, LpdmConfig base) {
        double guidance = base.guidance;
        GuidanceForm form = base.guidanceForm;
        String actor = base.actorSignal;
        String critic = base.criticSignal;
        Normalisation normalise = base.normalise;
        PairSampling pairs = base.pairs;
        double lr = base.lr;
        double eps = base.eps;
        String v;
        if ((v = settings.get("lpdm.guidance")) != null) {
            guidance = parseDouble("lpdm.guidance", v, "a number >= 0");
        }
        if ((v = settings.get("lpdm.guidance_form")) != null) {
            form = switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "joint" -> GuidanceForm.JOINT;
                case "additive" -> GuidanceForm.ADDITIVE;
                default -> throw new IllegalArgumentException("lpdm.guidance_form: expected joint or additive, got '" + v + "'");
            };
        }
        if ((v = settings.get("lpdm.actor_signal")) != null) {
            actor = v.trim().toLowerCase(Locale.ROOT);
            checkSignal("lpdm.actor_signal", actor);
        }
        if ((v = settings.get("lpdm.critic_signal")) != null) {
            critic = v.trim().toLowerCase(Locale.ROOT);
            checkSignal("lpdm.critic_signal", critic);
        }
        if ((v = settings.get("lpdm.normalise")) != null) {
            normalise = switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> Normalisation.NONE;
                case "mean" -> Normalisation.MEAN;
                default -> throw new IllegalArgumentException("lpdm.normalise: expected none or mean, got '" + v + "'");
            };
        }
        if ((v = settings.get("lpdm.pairs")) != null) {
            pairs = PairSampling.parse(v);
        }
        if ((v = settings.get("lpdm.lr")) != null) {
            lr = parseDouble("lpdm.lr", v, "a number >= 0");
        }
        if ((v = settings.get("lpdm.eps")) != null) {
            eps = parseDouble("lpdm.eps", v, "a number > 0");
        }
        return new LpdmConfig(guidance, form, actor, critic, normalise, pairs, lr, eps, base.adamEps);
    }

    private static double parseDouble(String setting, String text, String expected) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": expected " + expected + ", got '" + text + "'");
        }
    }

    /** This config as {@code --set} name to value text (every name of {@link #SETTINGS}), e.g. for run records. */
    public Map<String, String> toSettings() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("lpdm.guidance", Double.toString(guidance));
        m.put("lpdm.guidance_form", guidanceForm.settingName());
        m.put("lpdm.actor_signal", actorSignal);
        m.put("lpdm.critic_signal", criticSignal);
        m.put("lpdm.normalise", normalise.settingName());
        m.put("lpdm.pairs", pairs.toString());
        m.put("lpdm.lr", Double.toString(lr));
        m.put("lpdm.eps", Double.toString(eps));
        return m;
    }
}
