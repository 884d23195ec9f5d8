package lpdm.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import lpdm.api.Evaluation;
import lpdm.api.Lpdm;
import lpdm.api.TrainedRun;
import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.lab.run.Summary;

/**
 * Uses lpdm as a library: makes an env, trains PPO with the LPDM learner, reads the summary and
 * evaluates the trained policy. Run it with the run directory to create as its argument (default
 * {@code runs/library-example}); {@code lpdm train --env CartPole-v1 --algo ppo --learner lpdm
 * --steps 20000 --seed 1 --set lpdm.pairs=sampled:16} makes the same run.
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    /**
     * Trains, evaluates and prints; see the class comment.
     *
     * @param args the run directory to create (optional)
     * @throws IOException if the run directory cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "runs/library-example");

        // An environment, as gymnasium.make("CartPole-v1"): one episode with action 0 throughout.
        try (Env env = Lpdm.makeEnv("CartPole-v1")) {
            env.reset(42);
            int steps = 0;
            StepResult r;
            do {
                r = env.step(0);
                steps++;
            } while (!r.done());
            System.out.println("env: CartPole-v1, " + env.observationSpace().flatSize() + " observation values, actions "
                    + env.actionSpace() + "; always pushing left ends the episode after " + steps + " steps");
        }

        // Train PPO whose hidden layers learn by LPDM; everything else as 'lpdm train' does it.
        TrainedRun run = Lpdm.training("CartPole-v1", "ppo", "lpdm")
                .steps(20_000)
                .seed(1)
                .set("lpdm.pairs", "sampled:16")
                .directory(dir)
                .run();
        Summary s = run.summary();
        System.out.println("hyper-parameters: " + run.hyperParameters());
        System.out.printf(Locale.ROOT, "trained: %d steps, %d episodes, final_mean_return %.2f, best_mean_return_100 %.2f%n",
                s.total_steps(), s.episodes(), s.final_mean_return(), s.best_mean_return_100());

        // Evaluate the last checkpoint on 10 episodes, reset with seeds 1000000, 1000001, ...
        Evaluation eval = run.evaluate(10, 1_000_000);
        System.out.printf(Locale.ROOT, "evaluation: deterministic %.2f +- %.2f, stochastic %.2f +- %.2f over %d episodes%n",
                eval.deterministic().mean(), eval.deterministic().std(), eval.stochastic().mean(), eval.stochastic().std(),
                eval.deterministic().returns().size());
        System.out.println("run directory: " + run.directory());
    }
}
