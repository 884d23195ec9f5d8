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
 * @param target what a layer's target distances are built from ({@code lpdm.target})
 * @param guidanceSchedule how lambda changes over training ({@code lpdm.guidance_schedule})
 * @param lrSchedule how the hidden layers' learning rate changes over training ({@code lpdm.lr_schedule})
 * @param layerLrDecay hidden layer l learns at lr * layerLrDecay^l ({@code lpdm.layer_lr_decay})
 * @param relativeGuidance lambda in units of the batch's mean input distance ({@code lpdm.guidance_scale=relative})
 * @param gradientForm how the all-pairs gradient is computed ({@code lpdm.gradient_form})
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
        double adamEps,
        Target target,
        Schedule guidanceSchedule,
        Schedule lrSchedule,
        double layerLrDecay,
        boolean relativeGuidance,
        GradientForm gradientForm) {

    /** The config without the extensions of the design study (input target, constant schedules, no layer decay). */
    public LpdmConfig(double guidance, GuidanceForm guidanceForm, String actorSignal, String criticSignal, Normalisation normalise,
                      PairSampling pairs, double lr, double eps, double adamEps) {
        this(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, lr, eps, adamEps, Target.INPUT, Schedule.CONSTANT,
                Schedule.CONSTANT, 1.0, false, GradientForm.DIRECT);
    }

    /**
     * An enum whose values are chosen by a setting: the value's setting name is its enum name in
     * lower case (e.g. {@code RANDOM_PROJECTION} is {@code random_projection}); {@link #choice}
     * parses it.
     */
    public interface Choice {
        String name();

        default String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The value of {@code values} whose setting name is {@code text} (trimmed, any case); otherwise
     * an error naming the setting, the choices and the text, e.g. {@code lpdm.normalise: expected
     * none or mean, got 'x'}.
     */
    static <E extends Choice> E choice(String setting, String text, E[] values) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        List<String> names = new java.util.ArrayList<>();
        for (E e : values) {
            if (e.settingName().equals(t)) {
                return e;
            }
            names.add(e.settingName());
        }
        throw new IllegalArgumentException(setting + ": expected " + String.join(" or ", names) + ", got '" + text + "'");
    }

    /**
     * How the local loss ({@link LocalLoss}) computes dL/dH for all pairs (sampled pairs always use direct
     * differences). Both are the same gradient; they differ in rounding and speed (docs/lpdm.md).
     */
    public enum GradientForm implements Choice {
        /** sum_j C_ij (h_i - h_j) from direct differences, accumulated in double: the reference. */
        DIRECT,
        /**
         * method.md's diag(C 1) H - C H with the float matrix-product kernel (faster), H centred
         * first, pairs whose output distance is at most {@link lpdm.core.learn.kernels.MatrixFormKernel#GUARD} of
         * the mean output distance added from direct differences (near-coincident outputs would
         * otherwise lose their gradient to cancellation). Float rounding: close to
         * {@link #DIRECT}, not bit for bit.
         */
        MATRIX
    }

    /** What the target distance T_ij of a layer is built from (before guidance). */
    public enum Target implements Choice {
        /** The layer's input distances: T = Din (the paper's reading). */
        INPUT,
        /**
         * The distances of a fixed random nonlinear projection of the layer's input,
         * phi(W0 x + b0) with W0, b0 the layer's own initial weights (kept fixed): the layer is asked
         * for the geometry of its random-feature initialisation, which is not an affine map of the
         * input, and guidance pulls away from it. Without guidance the loss is 0 at initialisation.
         */
        RANDOM_PROJECTION
    }

    /** How a quantity changes with training progress p in [0, 1] (the fraction of the step budget done). */
    public enum Schedule implements Choice {
        /** Unchanged. */
        CONSTANT,
        /** Scaled by (1 - p), reaching 0 at the end of the budget (like PPO's learning-rate annealing). */
        LINEAR_DECAY;

        /** The factor at progress p. */
        public double factor(double progress) {
            return this == CONSTANT ? 1.0 : Math.max(0.0, 1.0 - progress);
        }
    }

    /** How the guidance signal difference enters the target distance T_ij. */
    public enum GuidanceForm implements Choice {
        /** T = sqrt(Din^2 + lambda^2 (g_i - g_j)^2). */
        JOINT,
        /** T = Din + lambda |g_i - g_j|. */
        ADDITIVE
    }

    /** Distance normalisation. */
    public enum Normalisation implements Choice {
        /** Distances as they are. */
        NONE,
        /** Din, Dout and T each divided by the mean over the batch's pairs (differentiated through the means). */
        MEAN
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
    public static final List<String> SIGNAL_NAMES = List.of(Signals.VALUE, Signals.ADVANTAGE, Signals.RETURN, Signals.REWARD, Signals.TD);

    /**
     * The shipped defaults, chosen by the design study (docs/lpdm-study.md, rounds 1-7): additive
     * guidance with lambda 2, the actor guided by the advantage and the critic by the value target,
     * target = input distances, no normalisation, all pairs, hidden lr 2.5e-4. {@link #PLAIN} is the
     * paper's plain reading ({@code lpdm.preset=plain}).
     */
    public static final LpdmConfig DEFAULTS = new LpdmConfig(
            2.0, GuidanceForm.ADDITIVE, Signals.ADVANTAGE, Signals.VALUE, Normalisation.NONE, PairSampling.all(), 2.5e-4, 1e-8, 1e-5);

    /** Every {@code --set} name this config reads, with its default and doc. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting("lpdm.preset", "default", "starting point the other lpdm.* settings override: default (the shipped rule), or plain (the paper's plain reading: T = Din, no guidance)"),
            new Setting("lpdm.guidance", "2", "guidance weight lambda >= 0 (0 = no guidance: target = input distance)"),
            new Setting("lpdm.guidance_form", "additive", "joint: T = sqrt(Din^2 + lambda^2 dg^2); additive: T = Din + lambda |dg|"),
            new Setting("lpdm.actor_signal", "advantage", "actor's guidance signal: value, advantage, return, reward or td (standardised per batch)"),
            new Setting("lpdm.critic_signal", "value", "critic's guidance signal: value, advantage, return, reward or td (standardised per batch)"),
            new Setting("lpdm.normalise", "none", "distance normalisation: none, or mean (Din, Dout, T each divided by their batch mean)"),
            new Setting("lpdm.pairs", "all", "all (every pair i<j) or sampled:K (each sample with K random partners, P = N K)"),
            new Setting("lpdm.lr", "0.00025", "Adam learning rate of the hidden layers"),
            new Setting("lpdm.eps", "1e-8", "guard for the division by an output distance (coincident outputs)"),
            new Setting("lpdm.target", "input", "target distances from: input (T = Din), or random_projection (distances of phi(W0 x + b0), the layer's fixed initial weights)"),
            new Setting("lpdm.guidance_schedule", "constant", "lambda over training: constant, or linear_decay (lambda (1 - progress))"),
            new Setting("lpdm.lr_schedule", "constant", "hidden layers' lr over training: constant, or linear_decay (lr (1 - progress))"),
            new Setting("lpdm.layer_lr_decay", "1", "hidden layer l learns at lpdm.lr * decay^l (1 = every layer alike)"),
            new Setting("lpdm.guidance_scale", "absolute", "absolute: lambda as given; relative: lambda times the batch's mean input distance (width- and scale-free)"),
            new Setting("lpdm.gradient_form", "direct", "all pairs' gradient: direct (differences h_i - h_j in double; the reference) or matrix (diag(C 1) H - C H by float matrix products, near-coincident pairs direct; faster, not bit-identical)"));

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
        if (target == null || guidanceSchedule == null || lrSchedule == null) {
            throw new IllegalArgumentException("lpdm.target, lpdm.guidance_schedule and lpdm.lr_schedule must be set");
        }
        if (gradientForm == null) {
            throw new IllegalArgumentException("lpdm.gradient_form: expected direct or matrix, got null");
        }
        if (!(layerLrDecay > 0) || Double.isInfinite(layerLrDecay)) {
            throw new IllegalArgumentException("lpdm.layer_lr_decay: expected a finite number > 0, got " + layerLrDecay);
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
        return new LpdmConfig(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, newLr, eps, adamEps, target,
                guidanceSchedule, lrSchedule, layerLrDecay, relativeGuidance, gradientForm);
    }

    /** The paper's plain reading: target = input distances, no guidance, no normalisation, all pairs, constant lr. */
    public static final LpdmConfig PLAIN = new LpdmConfig(
            0.0, GuidanceForm.ADDITIVE, Signals.VALUE, Signals.VALUE, Normalisation.NONE, PairSampling.all(), 2.5e-4, 1e-8, 1e-5);

    /** The presets of {@code lpdm.preset} by name: {@code default} ({@link #DEFAULTS}) and {@code plain} ({@link #PLAIN}). */
    public static final Map<String, LpdmConfig> PRESETS = presets();

    private static Map<String, LpdmConfig> presets() {
        Map<String, LpdmConfig> m = new java.util.LinkedHashMap<>();
        m.put("default", DEFAULTS);
        m.put("plain", PLAIN);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The config of preset {@code name} ({@code lpdm.preset}), one of {@link #PRESETS}. */
    public static LpdmConfig preset(String name) {
        LpdmConfig c = PRESETS.get(name.trim().toLowerCase(Locale.ROOT));
        if (c == null) {
            throw new IllegalArgumentException("lpdm.preset: expected " + String.join(" or ", PRESETS.keySet()) + ", got '" + name + "'");
        }
        return c;
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
        String preset = settings.get("lpdm.preset");
        if (preset != null) {
            base = preset(preset);
        }
        double guidance = base.guidance;
        GuidanceForm form = base.guidanceForm;
        String actor = base.actorSignal;
        String critic = base.criticSignal;
        Normalisation normalise = base.normalise;
        PairSampling pairs = base.pairs;
        double lr = base.lr;
        double eps = base.eps;
        Target target = base.target;
        Schedule guidanceSchedule = base.guidanceSchedule;
        Schedule lrSchedule = base.lrSchedule;
        double layerLrDecay = base.layerLrDecay;
        boolean relative = base.relativeGuidance;
        GradientForm gradientForm = base.gradientForm;
        String v;
        if ((v = settings.get("lpdm.guidance")) != null) {
            guidance = parseDouble("lpdm.guidance", v, "a number >= 0");
        }
        if ((v = settings.get("lpdm.guidance_form")) != null) {
            form = choice("lpdm.guidance_form", v, GuidanceForm.values());
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
            normalise = choice("lpdm.normalise", v, Normalisation.values());
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
        if ((v = settings.get("lpdm.target")) != null) {
            target = choice("lpdm.target", v, Target.values());
        }
        if ((v = settings.get("lpdm.guidance_schedule")) != null) {
            guidanceSchedule = choice("lpdm.guidance_schedule", v, Schedule.values());
        }
        if ((v = settings.get("lpdm.lr_schedule")) != null) {
            lrSchedule = choice("lpdm.lr_schedule", v, Schedule.values());
        }
        if ((v = settings.get("lpdm.layer_lr_decay")) != null) {
            layerLrDecay = parseDouble("lpdm.layer_lr_decay", v, "a number > 0");
        }
        if ((v = settings.get("lpdm.guidance_scale")) != null) {
            relative = switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "absolute" -> false;
                case "relative" -> true;
                default -> throw new IllegalArgumentException("lpdm.guidance_scale: expected absolute or relative, got '" + v + "'");
            };
        }
        if ((v = settings.get("lpdm.gradient_form")) != null) {
            gradientForm = choice("lpdm.gradient_form", v, GradientForm.values());
        }
        return new LpdmConfig(guidance, form, actor, critic, normalise, pairs, lr, eps, base.adamEps, target, guidanceSchedule,
                lrSchedule, layerLrDecay, relative, gradientForm);
    }

    private static double parseDouble(String setting, String text, String expected) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": expected " + expected + ", got '" + text + "'");
        }
    }

    /**
     * This config as {@code --set} name to value text (every name of {@link #SETTINGS} except
     * {@code lpdm.preset}: the values are resolved), e.g. for run records.
     */
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
        m.put("lpdm.target", target.settingName());
        m.put("lpdm.guidance_schedule", guidanceSchedule.settingName());
        m.put("lpdm.lr_schedule", lrSchedule.settingName());
        m.put("lpdm.layer_lr_decay", Double.toString(layerLrDecay));
        m.put("lpdm.guidance_scale", relativeGuidance ? "relative" : "absolute");
        m.put("lpdm.gradient_form", gradientForm.settingName());
        return m;
    }
}
