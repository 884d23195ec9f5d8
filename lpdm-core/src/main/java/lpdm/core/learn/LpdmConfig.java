package lpdm.core.learn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lpdm.core.settings.Setting;

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
 * @param decorrelation weight mu &gt;= 0 of the decorrelation term added to each hidden layer's loss ({@code lpdm.decorrelation}); 0 = none
 * @param localHead weight beta &gt;= 0 of each hidden layer's local readout loss ({@code lpdm.local_head}); 0 = none
 * @param localHeadSignal the signal the local readouts predict ({@code lpdm.local_head_signal})
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
        GradientForm gradientForm,
        double decorrelation,
        double localHead,
        String localHeadSignal) {

    /** The config without the extensions of the design study (input target, constant schedules, no layer decay). */
    public LpdmConfig(double guidance, GuidanceForm guidanceForm, String actorSignal, String criticSignal, Normalisation normalise,
                      PairSampling pairs, double lr, double eps, double adamEps) {
        this(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, lr, eps, adamEps, Target.INPUT, Schedule.CONSTANT,
                Schedule.CONSTANT, 1.0, false, GradientForm.DIRECT);
    }

    /** The config without the point-5 ideas of issue 18 (no decorrelation term, no local readouts). */
    public LpdmConfig(double guidance, GuidanceForm guidanceForm, String actorSignal, String criticSignal, Normalisation normalise,
                      PairSampling pairs, double lr, double eps, double adamEps, Target target, Schedule guidanceSchedule,
                      Schedule lrSchedule, double layerLrDecay, boolean relativeGuidance, GradientForm gradientForm) {
        this(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, lr, eps, adamEps, target, guidanceSchedule, lrSchedule,
                layerLrDecay, relativeGuidance, gradientForm, 0.0, 0.0, Signals.VALUE);
    }

    /**
     * An enum whose values are chosen by a setting: the value's setting name is its enum name in
     * lower case (e.g. {@code RANDOM_PROJECTION} is {@code random_projection}; {@link Setting#choice}).
     */
    public interface Choice {
        String name();

        default String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }
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
        RANDOM_PROJECTION,
        /**
         * The network input's distances for every hidden layer: T = D(x), x the observation (not the
         * previous layer's output). Layer l's target then does not inherit the errors of layers
         * 0..l-1, which in a deep stack compound (issue 18, point 5). For layer 0 it equals
         * {@link #INPUT}.
         */
        OBSERVATION
    }

    /**
     * How a quantity changes over training: with the progress p in [0, 1] (the fraction of the step
     * budget done), or with the fraction f of its initial learning rate at which the algorithm trains
     * the parameters the RL loss trains (1 unless it anneals: {@code ppo.anneal_lr} and the like).
     */
    public enum Schedule implements Choice {
        /** Unchanged. */
        CONSTANT,
        /** Scaled by (1 - p), reaching 0 at the end of the budget (like PPO's learning-rate annealing). */
        LINEAR_DECAY,
        /**
         * Scaled by f: annealed exactly when, and as, the algorithm anneals its own learning rate
         * (under PPO with {@code ppo.anneal_lr} f = 1 - p, the same number as {@link #LINEAR_DECAY}'s;
         * without annealing f = 1, as {@link #CONSTANT}).
         */
        FOLLOW;

        /** The factor at progress p when the algorithm's learning-rate fraction is f. */
        public double factor(double progress, double algorithmLrFraction) {
            return switch (this) {
                case CONSTANT -> 1.0;
                case LINEAR_DECAY -> Math.max(0.0, 1.0 - progress);
                case FOLLOW -> algorithmLrFraction;
            };
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

    /** The signal names a rule can be guided by (see {@link Signals}). */
    public static final List<String> SIGNAL_NAMES = List.of(Signals.VALUE, Signals.ADVANTAGE, Signals.RETURN, Signals.REWARD, Signals.TD);

    // The settings, one declaration each (name, default, doc, type); their order is --list-settings' order.
    public static final Setting<Double> GUIDANCE = Setting.number("lpdm.guidance", "2",
            "guidance weight lambda >= 0 (0 = no guidance: target = input distance)", d -> d >= 0 && !Double.isInfinite(d), "a finite number >= 0")
            .formerDefaults("0", "4");
    public static final Setting<GuidanceForm> GUIDANCE_FORM = Setting.choice("lpdm.guidance_form", "additive",
            "joint: T = sqrt(Din^2 + lambda^2 dg^2); additive: T = Din + lambda |dg|", GuidanceForm.values());
    public static final Setting<String> ACTOR_SIGNAL = Setting.word("lpdm.actor_signal", "advantage",
            "actor's guidance signal: value, advantage, return, reward or td (standardised per batch)", SIGNAL_NAMES).formerDefaults("value");
    public static final Setting<String> CRITIC_SIGNAL = Setting.word("lpdm.critic_signal", "value",
            "critic's guidance signal: value, advantage, return, reward or td (standardised per batch)", SIGNAL_NAMES);
    public static final Setting<Normalisation> NORMALISE = Setting.choice("lpdm.normalise", "none",
            "distance normalisation: none, or mean (Din, Dout, T each divided by their batch mean)", Normalisation.values());
    public static final Setting<PairSampling> PAIRS = Setting.of("lpdm.pairs", "all",
            "all (every pair i<j) or sampled:K (each sample with K random partners, P = N K)", PairSampling::parse, PairSampling::toString);
    public static final Setting<Double> LR = Setting.number("lpdm.lr", "0.00025", "Adam learning rate of the hidden layers",
            d -> d >= 0 && !Double.isInfinite(d), "a finite number >= 0");
    public static final Setting<Double> EPS = Setting.number("lpdm.eps", "1e-8", "guard for the division by an output distance (coincident outputs)",
            d -> d > 0 && !Double.isInfinite(d), "a finite number > 0");
    public static final Setting<Target> TARGET = Setting.choice("lpdm.target", "input",
            "target distances from: input (T = Din), random_projection (distances of phi(W0 x + b0), the layer's fixed initial weights), "
                    + "or observation (the network input's distances at every layer)",
            Target.values());
    public static final Setting<Schedule> GUIDANCE_SCHEDULE = Setting.choice("lpdm.guidance_schedule", "constant",
            "lambda over training: constant, linear_decay (lambda (1 - progress)), or follow (lambda times the algorithm's lr fraction)",
            Schedule.values());
    public static final Setting<Schedule> LR_SCHEDULE = Setting.choice("lpdm.lr_schedule", "follow",
            "hidden layers' lr over training: follow (annealed as and when the algorithm anneals its lr, e.g. ppo.anneal_lr), "
                    + "constant, or linear_decay (lr (1 - progress))", Schedule.values())
            .formerDefaults("constant");
    public static final Setting<Double> LAYER_LR_DECAY = Setting.number("lpdm.layer_lr_decay", "1",
            "hidden layer l learns at lpdm.lr * decay^l (1 = every layer alike)", d -> d > 0 && !Double.isInfinite(d), "a finite number > 0");
    public static final Setting<Boolean> GUIDANCE_SCALE = Setting.of("lpdm.guidance_scale", "absolute",
            "absolute: lambda as given; relative: lambda times the batch's mean input distance (width- and scale-free)",
            text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "absolute" -> false;
                case "relative" -> true;
                default -> throw new IllegalArgumentException("expected absolute or relative, got '" + text + "'");
            }, relative -> relative ? "relative" : "absolute");
    public static final Setting<GradientForm> GRADIENT_FORM = Setting.choice("lpdm.gradient_form", "direct",
            "all pairs' gradient: direct (differences h_i - h_j in double; the reference) or matrix (diag(C 1) H - C H by float matrix "
                    + "products, near-coincident pairs direct; faster, not bit-identical)", GradientForm.values());

    public static final Setting<Double> DECORRELATION = Setting.number("lpdm.decorrelation", "0",
            "weight mu >= 0 of a decorrelation term: mu times the mean squared correlation between a layer's units over the batch (0 = none)",
            d -> d >= 0 && !Double.isInfinite(d), "a finite number >= 0").addedLater("0");
    public static final Setting<Double> LOCAL_HEAD = Setting.number("lpdm.local_head", "0",
            "weight beta >= 0 of a local linear readout per hidden layer that predicts lpdm.local_head_signal (0 = none)",
            d -> d >= 0 && !Double.isInfinite(d), "a finite number >= 0").addedLater("0");
    public static final Setting<String> LOCAL_HEAD_SIGNAL = Setting.word("lpdm.local_head_signal", "value",
            "signal the local readouts predict: value, advantage, return, reward or td (standardised per batch)", SIGNAL_NAMES)
            .addedLater("value");

    /** A setting with the record component it gives. */
    private record Field<T>(Setting<T> setting, Function<LpdmConfig, T> component) {
        String text(LpdmConfig c) {
            return setting.format(component.apply(c));
        }

        T value(Map<String, String> settings, LpdmConfig base) {
            String text = settings.get(setting.name());
            return text == null ? component.apply(base) : setting.parse(text);
        }
    }

    private static final List<Field<?>> FIELDS = List.of(new Field<>(GUIDANCE, LpdmConfig::guidance),
            new Field<>(GUIDANCE_FORM, LpdmConfig::guidanceForm), new Field<>(ACTOR_SIGNAL, LpdmConfig::actorSignal),
            new Field<>(CRITIC_SIGNAL, LpdmConfig::criticSignal), new Field<>(NORMALISE, LpdmConfig::normalise),
            new Field<>(PAIRS, LpdmConfig::pairs), new Field<>(LR, LpdmConfig::lr), new Field<>(EPS, LpdmConfig::eps),
            new Field<>(TARGET, LpdmConfig::target), new Field<>(GUIDANCE_SCHEDULE, LpdmConfig::guidanceSchedule),
            new Field<>(LR_SCHEDULE, LpdmConfig::lrSchedule), new Field<>(LAYER_LR_DECAY, LpdmConfig::layerLrDecay),
            new Field<>(GUIDANCE_SCALE, LpdmConfig::relativeGuidance), new Field<>(GRADIENT_FORM, LpdmConfig::gradientForm),
            new Field<>(DECORRELATION, LpdmConfig::decorrelation), new Field<>(LOCAL_HEAD, LpdmConfig::localHead),
            new Field<>(LOCAL_HEAD_SIGNAL, LpdmConfig::localHeadSignal));

    /**
     * The shipped defaults, chosen by the design study (docs/lpdm-study.md, rounds 1-7): additive
     * guidance with lambda 2, the actor guided by the advantage and the critic by the value target,
     * target = input distances, no normalisation, all pairs, hidden lr 2.5e-4; and, since issue 18's
     * point 5 (docs/claims.md), the hidden layers' lr annealed as and when the algorithm anneals its
     * own ({@link Schedule#FOLLOW}; it was constant before). {@link #PLAIN} is the paper's plain
     * reading ({@code lpdm.preset=plain}).
     */
    public static final LpdmConfig DEFAULTS = new LpdmConfig(
            2.0, GuidanceForm.ADDITIVE, Signals.ADVANTAGE, Signals.VALUE, Normalisation.NONE, PairSampling.all(), 2.5e-4, 1e-8, 1e-5)
            .withLrSchedule(Schedule.FOLLOW);

    /** The paper's plain reading: target = input distances, no guidance, no normalisation, all pairs, constant lr. */
    public static final LpdmConfig PLAIN = new LpdmConfig(
            0.0, GuidanceForm.ADDITIVE, Signals.VALUE, Signals.VALUE, Normalisation.NONE, PairSampling.all(), 2.5e-4, 1e-8, 1e-5);

    /** The presets of {@code lpdm.preset} by name: {@code default} ({@link #DEFAULTS}) and {@code plain} ({@link #PLAIN}). */
    public static final Map<String, LpdmConfig> PRESETS = presets();

    /** A preset: its value stands for every other lpdm.* setting of that config (explicit settings win). */
    public static final Setting<String> PRESET = Setting.word("lpdm.preset", "default",
            "starting point the other lpdm.* settings override: default (the shipped rule), or plain (the paper's plain reading: T = Din, no guidance)",
            List.copyOf(PRESETS.keySet())).presets(presetSettings());

    /** Every {@code --set} name this config reads: the preset, then one per record component. */
    public static final List<Setting<?>> SETTINGS = settings();

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
        if (!(decorrelation >= 0) || Double.isInfinite(decorrelation)) {
            throw new IllegalArgumentException("lpdm.decorrelation: expected a finite number >= 0, got " + decorrelation);
        }
        if (!(localHead >= 0) || Double.isInfinite(localHead)) {
            throw new IllegalArgumentException("lpdm.local_head: expected a finite number >= 0, got " + localHead);
        }
        checkSignal("lpdm.local_head_signal", localHeadSignal);
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

    /** This config with another schedule of the hidden layers' learning rate. */
    public LpdmConfig withLrSchedule(Schedule schedule) {
        return new LpdmConfig(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, lr, eps, adamEps, target,
                guidanceSchedule, schedule, layerLrDecay, relativeGuidance, gradientForm, decorrelation, localHead, localHeadSignal);
    }

    /** This config with another hidden-layer learning rate (for algorithms that tie it to their own). */
    public LpdmConfig withLr(double newLr) {
        return new LpdmConfig(guidance, guidanceForm, actorSignal, criticSignal, normalise, pairs, newLr, eps, adamEps, target,
                guidanceSchedule, lrSchedule, layerLrDecay, relativeGuidance, gradientForm, decorrelation, localHead, localHeadSignal);
    }

    private static Map<String, LpdmConfig> presets() {
        Map<String, LpdmConfig> m = new java.util.LinkedHashMap<>();
        m.put("default", DEFAULTS);
        m.put("plain", PLAIN);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, String>> presetSettings() {
        Map<String, Map<String, String>> m = new java.util.LinkedHashMap<>();
        PRESETS.forEach((name, config) -> m.put(name, config.toSettings()));
        return m;
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new java.util.ArrayList<>();
        all.add(PRESET);
        FIELDS.forEach(f -> all.add(f.setting()));
        return List.copyOf(all);
    }

    /** The config of preset {@code name} ({@code lpdm.preset}), one of {@link #PRESETS}. */
    public static LpdmConfig preset(String name) {
        return PRESETS.get(PRESET.parse(name));
    }

    /** The {@code --set} names this config reads. */
    public static Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (Setting<?> setting : SETTINGS) {
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
     * absent name taken from {@code base} (or from the preset {@code lpdm.preset} names). Names
     * outside {@link #names()} are ignored here (the map may hold the algorithm's settings too); the
     * caller decides whether unknown names are errors. Malformed values fail with a message naming
     * the setting.
     */
    public static LpdmConfig fromSettings(Map<String, String> settings, LpdmConfig base) {
        String preset = settings.get(PRESET.name());
        LpdmConfig b = preset == null ? base : preset(preset);
        return new LpdmConfig(field(GUIDANCE).value(settings, b), field(GUIDANCE_FORM).value(settings, b),
                field(ACTOR_SIGNAL).value(settings, b), field(CRITIC_SIGNAL).value(settings, b), field(NORMALISE).value(settings, b),
                field(PAIRS).value(settings, b), field(LR).value(settings, b), field(EPS).value(settings, b), b.adamEps,
                field(TARGET).value(settings, b), field(GUIDANCE_SCHEDULE).value(settings, b), field(LR_SCHEDULE).value(settings, b),
                field(LAYER_LR_DECAY).value(settings, b), field(GUIDANCE_SCALE).value(settings, b), field(GRADIENT_FORM).value(settings, b),
                field(DECORRELATION).value(settings, b), field(LOCAL_HEAD).value(settings, b), field(LOCAL_HEAD_SIGNAL).value(settings, b));
    }

    @SuppressWarnings("unchecked")
    private static <T> Field<T> field(Setting<T> setting) {
        for (Field<?> f : FIELDS) {
            if (f.setting() == setting) {
                return (Field<T>) f;
            }
        }
        throw new IllegalStateException("no field for " + setting);
    }

    /**
     * This config as {@code --set} name to value text (every name of {@link #SETTINGS} except
     * {@code lpdm.preset}: the values are resolved), e.g. for run records.
     */
    public Map<String, String> toSettings() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Field<?> f : FIELDS) {
            m.put(f.setting().name(), f.text(this));
        }
        return m;
    }
}
