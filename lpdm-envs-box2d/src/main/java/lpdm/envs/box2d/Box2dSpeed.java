package lpdm.envs.box2d;

import java.util.List;
import java.util.Locale;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;

/**
 * Measures single-thread steps per second with uniformly random actions for each Box2D env
 * (episodes reset as they end, resets included in the time; the registry's time limits apply).
 * Usage: {@code Box2dSpeed [secondsPerEnv]} (default 3; a one-second warm-up precedes each
 * measurement).
 */
public final class Box2dSpeed {
    private Box2dSpeed() {
    }

    /** Steps per second of {@code id} over about {@code seconds} seconds. */
    public static double measure(String id, double seconds, long seed) {
        Env env = EnvRegistry.make(id);
        Rng actions = new Rng(seed);
        env.reset(seed);
        run(env, actions, 1.0);
        return run(env, actions, seconds);
    }

    private static double run(Env env, Rng actions, double seconds) {
        long steps = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                StepResult r = env.actionSpace() instanceof Discrete d
                        ? env.step(d.sample(actions))
                        : env.step(((Box) env.actionSpace()).sample(actions));
                steps++;
                if (r.done()) {
                    env.reset();
                }
            }
            now = System.nanoTime();
        } while (now < deadline);
        return steps / ((now - start) / 1e9);
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        for (String id : List.of("LunarLander-v3", "LunarLanderContinuous-v3", "BipedalWalker-v3", "BipedalWalkerHardcore-v3")) {
            System.out.printf(Locale.ROOT, "%-26s %10.0f steps/s%n", id, measure(id, seconds, 1));
        }
    }
}
