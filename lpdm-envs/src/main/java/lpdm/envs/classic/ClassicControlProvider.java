package lpdm.envs.classic;

import java.util.List;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvSpec;

/** Registers the classic-control envs with Gymnasium's episode limits and reward thresholds. */
public final class ClassicControlProvider implements EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("CartPole-v1", args -> new CartPoleEnv(), 500, 475.0));
    }
}
