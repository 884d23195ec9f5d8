package lpdm.envs;

import java.util.List;
import java.util.Optional;

/**
 * Service-provider interface through which modules contribute environments to the
 * {@link EnvRegistry} (listed in {@code META-INF/services/lpdm.envs.EnvProvider}), so that, for
 * example, the Box2D module registers its envs without {@code lpdm-envs} depending on it.
 */
public interface EnvProvider {
    /**
     * The envs this provider registers.
     *
     * @return their registry entries
     */
    List<EnvSpec> specs();

    /**
     * How recordings of {@code envId} (one of this provider's ids) are replayed when they do not
     * follow the state-vector format of {@link lpdm.envs.replay.TrajectoryReplay}; empty (the
     * default) when they do.
     *
     * @param envId one of this provider's ids
     * @return the replayer, or empty for the state-vector format
     */
    default Optional<EnvReplayer> replayer(String envId) {
        return Optional.empty();
    }
}
