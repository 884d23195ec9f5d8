package lpdm.api;

import java.io.IOException;
import java.nio.file.Path;
import lpdm.lab.run.Json;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;

/**
 * A trained run: its directory, the hyper-parameter set it started from and its summary
 * (summary.json).
 *
 * @param directory the run directory
 * @param hyperParameters the set the settings started from, as {@code lpdm train} prints it after
 *     {@code hyper-parameters: }, e.g. {@code defaults (the algorithm's defaults)}
 * @param summary the run's summary, as written to summary.json
 */
public record TrainedRun(Path directory, String hyperParameters, Summary summary) {

    static TrainedRun train(TrainingRun run, RunProgress progress) throws IOException {
        Summary summary = run.completed()
                ? Json.MAPPER.readValue(run.directory().resolve(TrainingRun.SUMMARY).toFile(), Summary.class)
                : run.run(progress);
        return new TrainedRun(run.directory(), run.hyperParameters().describe(), summary);
    }

    /**
     * Evaluates the run's last checkpoint: {@link Lpdm#evaluate(Path, int, long)} on
     * {@link #directory()}.
     *
     * @param episodes episodes per mode, positive
     * @param seed episode {@code i} is reset with seed {@code seed + i}; non-negative
     * @return the returns and lengths of both modes
     * @throws IOException if the run's files cannot be read
     */
    public Evaluation evaluate(int episodes, long seed) throws IOException {
        return Lpdm.evaluate(directory, episodes, seed);
    }
}
