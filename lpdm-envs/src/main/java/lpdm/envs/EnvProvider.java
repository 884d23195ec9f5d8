package lpdm.envs;

import java.util.List;

/**
 * Service-provider interface through which modules contribute environments to the
 * {@link EnvRegistry} (listed in {@code META-INF/services/lpdm.envs.EnvProvider}), so that, for
 * example, the Box2D module registers its envs without {@code lpdm-envs} depending on it.
 */
public interface EnvProvider {
    List<EnvSpec> specs();
}
