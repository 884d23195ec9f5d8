package lpdm.envs.mujoco;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** What the MuJoCo tests share: the check that MuJoCo is there. */
final class MujocoTests {
    private MujocoTests() {
    }

    /** The eight task ids, for parameterized tests ({@code @MethodSource("lpdm.envs.mujoco.MujocoTests#ids")}). */
    static java.util.stream.Stream<String> ids() {
        return java.util.stream.Stream.of("InvertedPendulum-v5", "InvertedDoublePendulum-v5", "HalfCheetah-v5", "Hopper-v5", "Walker2d-v5",
                "Reacher-v5", "Ant-v5", "Humanoid-v5");
    }

    /**
     * Aborts the calling test class with the reason when the binding cannot load (MuJoCo or the
     * compiled binding missing) on a developer's machine; fails it under CI (CI=true), which installs
     * Debian's libmujoco-dev, so that a missing library can never pass unnoticed there.
     */
    static void requireMujoco() {
        if (MujocoNative.available()) {
            return;
        }
        String why;
        try {
            MujocoNative.ensureLoaded("the MuJoCo tests");
            why = "unknown";
        } catch (lpdm.envs.EnvUnavailableException e) {
            why = e.getMessage();
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("MuJoCo must be installed under CI (.ci/run installs libmujoco-dev): " + why);
        }
        System.err.println("SKIPPED MuJoCo tests: " + why);
        Assumptions.abort(why);
    }
}
