package lpdm.envs.classic;

import java.util.List;
import java.util.Set;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvSpec;

/**
 * Registers the classic-control envs with Gymnasium's episode limits and reward thresholds
 * (Gymnasium's {@code envs/__init__.py}): CartPole-v1 500/475, Acrobot-v1 500/-100,
 * MountainCar-v0 200/-110, MountainCarContinuous-v0 999/90, Pendulum-v1 200/none.
 */
public final class ClassicControlProvider implements EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("CartPole-v1", args -> {
                    EnvArguments.checkKnown("CartPole-v1", args, Set.of());
                    return new CartPoleEnv();
                }, 500, 475.0),
                new EnvSpec("Acrobot-v1", AcrobotEnv::fromArguments, 500, -100.0),
                new EnvSpec("MountainCar-v0", MountainCarEnv::fromArguments, 200, -110.0),
                new EnvSpec("MountainCarContinuous-v0", MountainCarContinuousEnv::fromArguments, 999, 90.0),
                new EnvSpec("Pendulum-v1", PendulumEnv::fromArguments, 200, Double.NaN));
    }
}
