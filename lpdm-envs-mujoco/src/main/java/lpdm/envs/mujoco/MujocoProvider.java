package lpdm.envs.mujoco;

import java.util.List;
import lpdm.envs.EnvSpec;

/**
 * Registers Gymnasium's MuJoCo v5 tasks with their time limits (1000 steps; Reacher 50) and reward
 * thresholds (Gymnasium 1.3.0's registry). The ids are registered whether or not MuJoCo is installed: making
 * one without it fails with one line naming the Debian package to install.
 */
public final class MujocoProvider implements lpdm.envs.EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec(InvertedPendulumEnv.ID, InvertedPendulumEnv::fromArguments, 1000, 950.0),
                new EnvSpec(InvertedDoublePendulumEnv.ID, InvertedDoublePendulumEnv::fromArguments, 1000, 9100.0),
                new EnvSpec(HalfCheetahEnv.ID, HalfCheetahEnv::fromArguments, 1000, 4800.0),
                new EnvSpec(HopperEnv.ID, HopperEnv::fromArguments, 1000, 3800.0),
                new EnvSpec(Walker2dEnv.ID, Walker2dEnv::fromArguments, 1000, Double.NaN),
                new EnvSpec(ReacherEnv.ID, ReacherEnv::fromArguments, 50, -3.75),
                new EnvSpec(AntEnv.ID, AntEnv::fromArguments, 1000, 6000.0));
    }
}
