package lpdm.rl;

import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.Space;
import lpdm.envs.wrappers.ClipAction;
import lpdm.envs.wrappers.ClipObservation;
import lpdm.envs.wrappers.ClipReward;
import lpdm.envs.wrappers.NormalizeObservation;
import lpdm.envs.wrappers.NormalizeReward;
import lpdm.envs.wrappers.RecordEpisodeStatistics;
import lpdm.envs.wrappers.StatefulWrapper;
import lpdm.rl.settings.Settings;

/** The envs of a {@link Ppo} (and A2C) run, wrapped as its config says: CleanRL's {@code make_env}. */
final class ActorCriticEnvs {
    private ActorCriticEnvs() {
    }

    /** The action space of the registered env {@code envId}. */
    static Space actionSpaceOf(String envId) {
        try (Env probe = EnvRegistry.make(envId)) {
            return probe.actionSpace();
        }
    }

    /** The observation space of the registered env {@code envId}. */
    static Space observationSpaceOf(String envId) {
        try (Env probe = EnvRegistry.make(envId)) {
            return probe.observationSpace();
        }
    }

    /**
     * One training env: the registry's env (with its time limit and the arguments of the run's
     * {@link EnvSettings}), episode statistics of the raw
     * rewards, then, as configured: action clipping (Box), observation normalisation, observation
     * clipping, reward normalisation, reward clipping (CleanRL's order).
     */
    static Env make(String envId, Settings settings, Ppo.Config config) {
        Env env = new RecordEpisodeStatistics(EnvSettings.make(envId, settings));
        if (env.actionSpace() instanceof Box) {
            env = new ClipAction(env);
        }
        if (config.normObs()) {
            env = new NormalizeObservation(env);
        }
        if (config.clipObs().isPresent()) {
            float c = (float) config.clipObs().getAsDouble();
            env = new ClipObservation(env, -c, c);
        }
        if (config.normReward()) {
            env = new NormalizeReward(env, config.gamma(), NormalizeReward.DEFAULT_EPSILON);
        }
        if (config.clipReward().isPresent()) {
            double c = config.clipReward().getAsDouble();
            env = new ClipReward(env, -c, c);
        }
        return env;
    }

    /**
     * The evaluation env: the registry's env with the training observation pipeline (action
     * clipping, observation normalisation with the current statistics of {@code trained}, a training
     * env, frozen; observation clipping) and the raw rewards.
     */
    static Env makeEval(String envId, Settings settings, Ppo.Config config, Env trained) {
        Env env = EnvSettings.make(envId, settings);
        if (env.actionSpace() instanceof Box) {
            env = new ClipAction(env);
        }
        if (config.normObs()) {
            NormalizeObservation normalize = new NormalizeObservation(env);
            for (StatefulWrapper w : StatefulWrapper.collect(trained)) {
                if (w instanceof NormalizeObservation statistics) {
                    normalize.loadState(statistics.saveState());
                }
            }
            normalize.setFrozen(true);
            env = normalize;
        }
        if (config.clipObs().isPresent()) {
            float c = (float) config.clipObs().getAsDouble();
            env = new ClipObservation(env, -c, c);
        }
        return env;
    }
}
