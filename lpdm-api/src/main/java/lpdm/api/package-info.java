/**
 * The library API of lpdm: train, resume and evaluate agents from another Java program, with the
 * same results as the {@code lpdm} command line for the same arguments.
 *
 * <p>{@link lpdm.api.Lpdm} is the entry point: {@link lpdm.api.Lpdm#makeEnv(String)} builds a
 * registered environment ({@link lpdm.envs.Env}, Gymnasium's contract),
 * {@link lpdm.api.Lpdm#training(String, String, String)} configures a run ({@link lpdm.api.Training})
 * that writes the run directory {@code lpdm train} writes and returns a {@link lpdm.api.TrainedRun}
 * with its {@link lpdm.lab.run.Summary}, and {@link lpdm.api.Lpdm#evaluate(java.nio.file.Path, int, long)}
 * evaluates a run's last checkpoint as {@code lpdm eval} does ({@link lpdm.api.Evaluation}).
 *
 * <p>Bad input (an unknown env id, algorithm, learner or setting, a value a setting does not
 * accept, a non-positive budget) throws an {@link java.lang.IllegalArgumentException}, a
 * {@link lpdm.rl.settings.UsageException} or {@link lpdm.envs.EnvRegistry.UnknownEnvException},
 * before any file is written, whose message is the command line's one-line error without its
 * {@code lpdm: } prefix. docs/library.md lists the Maven coordinates and what is stable.
 */
package lpdm.api;
