package lpdm.envs.mujoco;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Measures the JNI binding: the same loop as src/test/native/step_loop.c (random controls from the
 * same generator, mj_step frame_skip times, mj_rnePostConstraint, qpos and qvel copied out, reset
 * every 1000 env steps), driven from Java through {@link MujocoSim}. The difference between the
 * two programs' times per env step (CPU time of the running thread, which a loaded machine disturbs
 * far less than wall-clock time) is the binding's overhead; equal checksums show that both ran the
 * same simulation. Run by scripts/mujoco-binding-overhead.sh (docs/mujoco.md).
 *
 * <p>Usage: {@code MujocoStepLoop MODEL.xml FRAME_SKIP ENV_STEPS} (a model file name of
 * lpdm/envs/mujoco/assets).
 */
public final class MujocoStepLoop {
    private MujocoStepLoop() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MujocoStepLoop MODEL.xml FRAME_SKIP ENV_STEPS");
            System.exit(2);
        }
        int skip = Integer.parseInt(args[1]);
        long steps = Long.parseLong(args[2]);
        try (MujocoSim sim = MujocoSim.loadAsset(args[0], args[0])) {
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            run(sim, skip, Math.min(steps, 2000)); // warm-up: JIT-compile the loop
            long start = cpu.getCurrentThreadCpuTime();
            double checksum = run(sim, skip, steps);
            double seconds = (cpu.getCurrentThreadCpuTime() - start) * 1e-9;
            System.out.printf("%s frame_skip %d: %.3f us CPU per env step (%d env steps; checksum %s) [Java, JNI]%n",
                    args[0], skip, 1e6 * seconds / steps, steps, new BigDecimal(checksum).round(new MathContext(17)));
            crossingsOnly(sim, 200_000); // warm-up
            long calls = 2_000_000;
            long t0 = cpu.getCurrentThreadCpuTime();
            crossingsOnly(sim, calls);
            double ns = (double) (cpu.getCurrentThreadCpuTime() - t0) / calls;
            System.out.printf("%s: %.1f ns CPU per env step for the binding's three calls alone (ctrl in, qpos and qvel out; no mj_step) [Java, JNI]%n",
                    args[0], ns);
        }
    }

    /** The binding's crossings of one env step without MuJoCo's work: ctrl copied in, qpos and qvel copied out. */
    private static void crossingsOnly(MujocoSim sim, long iterations) {
        double[] ctrl = sim.get(MujocoNative.CTRL);
        double[] qpos = new double[sim.nq()];
        double[] qvel = new double[sim.nv()];
        for (long i = 0; i < iterations; i++) {
            sim.set(MujocoNative.CTRL, ctrl);
            sim.get(MujocoNative.QPOS, qpos);
            sim.get(MujocoNative.QVEL, qvel);
        }
    }

    private static double run(MujocoSim sim, int skip, long steps) {
        double[] range = sim.get(MujocoNative.CTRLRANGE);
        double[] ctrl = new double[sim.nu()];
        double[] qpos = new double[sim.nq()];
        double[] qvel = new double[sim.nv()];
        long x = 42;
        double sink = 0;
        for (long i = 0; i < steps; i++) {
            if (i % 1000 == 0) {
                sim.resetData();
                sim.forward();
            }
            for (int u = 0; u < ctrl.length; u++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                double r = (x >>> 11) * 0x1.0p-53;
                double lo = range[2 * u];
                double hi = range[2 * u + 1];
                ctrl[u] = lo + (hi - lo) * r;
            }
            sim.step(ctrl, skip);
            sim.get(MujocoNative.QPOS, qpos);
            sim.get(MujocoNative.QVEL, qvel);
            sink += qpos[0];
        }
        return sink;
    }
}
