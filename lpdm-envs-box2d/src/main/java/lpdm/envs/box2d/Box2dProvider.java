package lpdm.envs.box2d;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvReplayer;
import lpdm.envs.EnvSpec;

/**
 * Registers the Box2D envs with Gymnasium's ids, episode limits and reward thresholds:
 * LunarLander-v3 (1000 steps, 200; argument {@code continuous} and the others of {@link
 * LunarLanderEnv}), LunarLanderContinuous-v3 (the same with {@code continuous=true}),
 * BipedalWalker-v3 (1600 steps, 300; argument {@code hardcore}) and BipedalWalkerHardcore-v3
 * (2000 steps, 300). LunarLander's recordings are replayed from their random draws
 * ({@link #replayer}).
 */
public final class Box2dProvider implements EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("LunarLander-v3", LunarLanderEnv::fromArguments, 1000, 200.0, Map.of("continuous", false)),
                new EnvSpec("LunarLanderContinuous-v3", LunarLanderEnv::fromArguments, 1000, 200.0, Map.of("continuous", true)),
                new EnvSpec("BipedalWalker-v3", BipedalWalkerEnv::fromArguments, 1600, 300.0, Map.of("hardcore", false)),
                new EnvSpec("BipedalWalkerHardcore-v3", BipedalWalkerEnv::fromArguments, 2000, 300.0, Map.of("hardcore", true)));
    }

    /** LunarLander's recordings carry Gymnasium's random draws instead of a start state ({@link LunarLanderReplay}). */
    @Override
    public Optional<EnvReplayer> replayer(String envId) {
        return envId.startsWith("LunarLander") ? Optional.of(LunarLanderReplay::replayForCli) : Optional.empty();
    }

}
