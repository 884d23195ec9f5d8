package lpdm.envs.mujoco;

import java.util.List;
import lpdm.envs.EnvSpec;

/**
 * Registers Gymnasium's MuJoCo v5 tasks with their time limits (1000 steps; Reacher 50), reward
 * thresholds (Gymnasium 1.3.0's registry) and arguments (each task's {@code DEFAULTS}: Gymnasium's
 * names and v5 defaults). The ids are registered whether or not MuJoCo is installed: making one
 * without it fails with one line naming the Debian package to install.
 */
public final class MujocoProvider implements lpdm.envs.EnvProvider {
    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec(InvertedPendulumEnv.ID, InvertedPendulumEnv::new, 1000, 950.0, InvertedPendulumEnv.DEFAULTS),
                new EnvSpec(InvertedDoublePendulumEnv.ID, InvertedDoublePendulumEnv::new, 1000, 9100.0, InvertedDoublePendulumEnv.DEFAULTS),
                new EnvSpec(HalfCheetahEnv.ID, HalfCheetahEnv::new, 1000, 4800.0, HalfCheetahEnv.DEFAULTS),
                new EnvSpec(HopperEnv.ID, HopperEnv::new, 1000, 3800.0, HopperEnv.DEFAULTS),
                new EnvSpec(Walker2dEnv.ID, Walker2dEnv::new, 1000, Double.NaN, Walker2dEnv.DEFAULTS),
                new EnvSpec(ReacherEnv.ID, ReacherEnv::new, 50, -3.75, ReacherEnv.DEFAULTS),
                new EnvSpec(AntEnv.ID, AntEnv::new, 1000, 6000.0, AntEnv.DEFAULTS),
                new EnvSpec(HumanoidEnv.ID, HumanoidEnv::new, 1000, Double.NaN, HumanoidEnv.DEFAULTS));
    }
}
