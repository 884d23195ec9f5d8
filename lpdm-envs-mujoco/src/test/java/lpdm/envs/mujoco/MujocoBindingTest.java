package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JNI binding: loading models, array sizes and copies, stepping, errors. */
class MujocoBindingTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    @Test
    void theLibraryIsMujoco222() {
        assertThat(MujocoNative.version()).isEqualTo(222);
    }

    /** nq, nv, nu, nbody of each shipped model, as Gymnasium's documentation of the v5 tasks gives them. */
    @Test
    void theShippedModelsLoadWithGymnasiumsDimensions() {
        // file, nq, nv, nu
        Object[][] models = {
            {"inverted_pendulum.xml", 2, 2, 1}, {"inverted_double_pendulum.xml", 3, 3, 1}, {"half_cheetah.xml", 9, 9, 6},
            {"hopper.xml", 6, 6, 3}, {"walker2d_v5.xml", 9, 9, 6}, {"reacher.xml", 4, 4, 2}, {"ant.xml", 15, 14, 8},
            {"humanoid.xml", 24, 23, 17}};
        for (Object[] m : models) {
            try (MujocoSim sim = MujocoSim.loadAsset("test", (String) m[0])) {
                assertThat(new int[] {sim.nq(), sim.nv(), sim.nu()}).as((String) m[0]).containsExactly((int) m[1], (int) m[2], (int) m[3]);
                assertThat(sim.size(MujocoNative.XPOS)).isEqualTo(3 * sim.nbody());
                assertThat(sim.size(MujocoNative.CFRC_EXT)).isEqualTo(6 * sim.nbody());
            }
        }
    }

    @Test
    void resetDataPutsQpos0AndZerosAndStepAdvancesTime() {
        try (MujocoSim sim = MujocoSim.loadAsset("test", "hopper.xml")) {
            // hopper.xml: rootz has ref 1.25, so qpos0[1] = 1.25; all other qpos0 are 0.
            assertThat(sim.get(MujocoNative.QPOS0)).containsExactly(0, 1.25, 0, 0, 0, 0);
            assertThat(sim.get(MujocoNative.TIMESTEP)).containsExactly(0.002);
            sim.set(MujocoNative.QVEL, new double[] {1, 2, 3, 4, 5, 6});
            sim.resetData();
            assertThat(sim.get(MujocoNative.QPOS)).containsExactly(0, 1.25, 0, 0, 0, 0);
            assertThat(sim.get(MujocoNative.QVEL)).containsOnly(0);
            sim.step(new double[] {0.5, -0.5, 2}, 4);
            // 4 steps of 0.002 s, summed one at a time as MuJoCo does.
            assertThat(sim.get(MujocoNative.TIME)[0]).isEqualTo(0.002 + 0.002 + 0.002 + 0.002);
            // ctrl keeps the values written (MuJoCo clamps to ctrlrange only where it uses them).
            assertThat(sim.get(MujocoNative.CTRL)).containsExactly(0.5, -0.5, 2);
        }
    }

    @Test
    void setThenGetReturnsTheSameValues() {
        try (MujocoSim sim = MujocoSim.loadAsset("test", "half_cheetah.xml")) {
            double[] q = {0.1, -0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
            sim.set(MujocoNative.QPOS, q);
            assertThat(sim.get(MujocoNative.QPOS)).containsExactly(q);
        }
    }

    @Test
    void wrongArrayLengthsAndReadOnlyFieldsAreRefusedWithAReason() {
        try (MujocoSim sim = MujocoSim.loadAsset("test", "half_cheetah.xml")) {
            assertThatThrownBy(() -> sim.set(MujocoNative.QPOS, new double[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 9 values, the array 3");
            assertThatThrownBy(() -> sim.step(new double[2], 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has 6 values, the array 2");
            assertThatThrownBy(() -> sim.set(MujocoNative.QPOS0, new double[9])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read only");
            assertThatThrownBy(() -> sim.bodyId("no such body")).hasMessageContaining("no body named 'no such body'");
            assertThat(sim.bodyId("torso")).isEqualTo(1);
        }
    }

    @Test
    void aBrokenModelFileGivesMujocosErrorAndAClosedSimRefusesWork() throws Exception {
        Path xml = dir.resolve("broken.xml");
        Files.writeString(xml, "<mujoco><worldbody><body><joint type='nonsense'/></body></worldbody></mujoco>");
        assertThatThrownBy(() -> MujocoSim.loadFile(xml)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonsense");
        MujocoSim sim = MujocoSim.loadAsset("test", "inverted_pendulum.xml");
        sim.close();
        sim.close();
        assertThatThrownBy(() -> sim.get(MujocoNative.QPOS)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theMissingLibraryMessageIsOneLineNamingTheDebianPackage() {
        String message = MujocoNative.unavailableMessage("HalfCheetah-v5", "the binding was not compiled when lpdm was built");
        assertThat(message).doesNotContain("\n").startsWith("HalfCheetah-v5 cannot run without the MuJoCo physics library")
                .contains("apt-get install libmujoco-dev");
    }
}
