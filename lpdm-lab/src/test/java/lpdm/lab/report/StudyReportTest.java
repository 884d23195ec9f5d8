package lpdm.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import lpdm.lab.run.Json;
import lpdm.lab.run.Summary;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports built on a tiny real study: REINFORCE with two learning rates on CartPole-v1 and Acrobot-v1, two seeds, 2,000 steps. */
class StudyReportTest {
    static final int BOOTSTRAP = 200;

    @TempDir
    static Path root;

    static StudySpec study;
    static Path studyDir;
    static List<StudyRunner.RunOutcome> outcomes;

    static StudySpec spec(List<String> envs) {
        Map<String, StudySpec.Variant> variants = new LinkedHashMap<>();
        variants.put("bp", new StudySpec.Variant("bp", Map.of("reinforce.batch_steps", "500")));
        variants.put("bp-lr1e-2", new StudySpec.Variant("bp", Map.of("reinforce.batch_steps", "500", "reinforce.lr", "0.01")));
        Map<String, Long> steps = new LinkedHashMap<>();
        envs.forEach(e -> steps.put(e, 2000L));
        return new StudySpec(envs, "reinforce", steps, List.of(1L, 2L), variants);
    }

    @BeforeAll
    static void runStudy() throws Exception {
        study = spec(List.of("CartPole-v1", "Acrobot-v1"));
        studyDir = root.resolve("study");
        outcomes = StudyRunner.run(study, studyDir, 2, false, (a, b, c, d, e) -> { });
        assertThat(outcomes).allMatch(o -> o.failure() == null);
    }

    static StudyReport.Options options() {
        return StudyReport.Options.defaults().withBootstrap(BOOTSTRAP);
    }

    static double summaryMean(Path dir, String env, String variant) throws Exception {
        double sum = 0;
        for (long seed : new long[] {1, 2}) {
            Summary s = Json.MAPPER.readValue(dir.resolve("runs").resolve(env).resolve(variant).resolve("seed" + seed)
                    .resolve("summary.json").toFile(), Summary.class);
            sum += s.final_mean_return();
        }
        return sum / 2;
    }

    static double finalReturn(String env, String variant, long seed) {
        return outcomes.stream().filter(o -> o.key().equals(new StudySpec.RunKey(env, variant, seed))).findFirst().orElseThrow()
                .summary().final_mean_return();
    }

    @Test
    void writesEveryFileWithNumbersMatchingTheRuns() throws Exception {
        StudyReport report = StudyReport.build(study, studyDir, outcomes, options());
        List<Path> written = report.write();
        for (String f : List.of("report.md", "report.html", "results.json")) {
            assertThat(studyDir.resolve(f)).isRegularFile();
            assertThat(written).contains(studyDir.resolve(f));
        }
        JsonNode results = Json.MAPPER.readTree(studyDir.resolve("results.json").toFile());
        for (String key : List.of("format", "lpdm_version", "reproduce", "study", "settings", "runs", "missing_runs", "variants",
                "normalisation", "probability_of_improvement", "paired_differences", "plots")) {
            assertThat(results.has(key)).as(key).isTrue();
        }
        assertThat(results.get("runs")).hasSize(8);
        assertThat(results.get("missing_runs")).isEmpty();
        assertThat(results.path("settings").path("bootstrap_resamples").asInt()).isEqualTo(BOOTSTRAP);
        assertThat(results.path("settings").path("reliability").path("lrt_tail").asText()).isEqualTo("upper");
        for (String variant : List.of("bp", "bp-lr1e-2")) {
            for (String env : List.of("CartPole-v1", "Acrobot-v1")) {
                JsonNode cell = results.path("variants").path(variant).path("envs").path(env);
                assertThat(cell.path("runs").asInt()).isEqualTo(2);
                assertThat(cell.path("mean").path("estimate").asDouble()).as(variant + " " + env)
                        .isCloseTo(summaryMean(studyDir, env, variant), within(1e-9));
                JsonNode iqm = cell.path("iqm");
                assertThat(iqm.path("lower").asDouble()).isLessThanOrEqualTo(iqm.path("estimate").asDouble() + 1e-9);
                assertThat(iqm.path("upper").asDouble()).isGreaterThanOrEqualTo(iqm.path("estimate").asDouble() - 1e-9);
                assertThat(cell.path("reliability").has("DT")).isTrue();
                assertThat(cell.path("learning_curve").path("mean")).hasSize(50);
            }
            JsonNode agg = results.path("variants").path(variant).path("aggregate");
            assertThat(agg.path("scores").asText()).isEqualTo("normalised");
            assertThat(agg.path("runs").asInt()).isEqualTo(4);
            assertThat(agg.has("optimality_gap")).isTrue();
        }
        // Normalisation anchors: CartPole's random play is far below its threshold of 475.
        JsonNode cart = results.path("normalisation").path("CartPole-v1");
        assertThat(cart.path("random_policy_return").asDouble()).isBetween(10.0, 40.0);
        assertThat(cart.path("upper").asDouble()).isEqualTo(475.0);
        // Aggregated mean = mean over envs of the normalised per-env means.
        double expected = 0;
        for (String env : List.of("CartPole-v1", "Acrobot-v1")) {
            JsonNode n = results.path("normalisation").path(env);
            double lo = n.path("random_policy_return").asDouble();
            double hi = n.path("upper").asDouble();
            expected += (summaryMean(studyDir, env, "bp") - lo) / (hi - lo) / 2;
        }
        assertThat(results.path("variants").path("bp").path("aggregate").path("mean").path("estimate").asDouble())
                .isCloseTo(expected, within(1e-9));
        // P(X > Y) + P(Y > X) = 1 for every pair.
        JsonNode poi = results.path("probability_of_improvement").path("aggregate");
        assertThat(poi).hasSize(2);
        assertThat(poi.get(0).path("estimate").asDouble() + poi.get(1).path("estimate").asDouble()).isCloseTo(1.0, within(1e-12));
        // Paired differences are the per-seed differences of the summaries.
        JsonNode paired = results.path("paired_differences");
        assertThat(paired.path("baseline").asText()).isEqualTo("bp");
        assertThat(paired.path("per_env")).hasSize(2);
        for (JsonNode p : paired.path("per_env")) {
            String env = p.path("env").asText();
            assertThat(p.path("variant").asText()).isEqualTo("bp-lr1e-2");
            for (int i = 0; i < 2; i++) {
                long seed = p.path("seeds").get(i).asLong();
                assertThat(p.path("differences").get(i).asDouble())
                        .isCloseTo(finalReturn(env, "bp-lr1e-2", seed) - finalReturn(env, "bp", seed), within(1e-9));
            }
        }
        assertThat(paired.path("aggregate")).hasSize(1);
        // Every run listed with its path and summary.
        for (JsonNode r : results.path("runs")) {
            assertThat(studyDir.resolve(r.path("directory").asText()).resolve("summary.json")).isRegularFile();
            assertThat(r.path("summary").path("final_mean_return").isNumber()).isTrue();
        }

        // Plots: every listed file exists; PNGs decode, SVGs are XML documents.
        List<String> plots = new ArrayList<>();
        results.path("plots").forEach(p -> plots.add(p.asText()));
        assertThat(plots).contains("plots/curves_CartPole-v1.png", "plots/curves_Acrobot-v1.svg", "plots/final_CartPole-v1.png",
                "plots/aggregate_iqm.png", "plots/diagnostics_CartPole-v1_actor_grad_norm.png", "plots/diagnostics_Acrobot-v1_critic_grad_norm.svg");
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String p : plots) {
            byte[] bytes = Files.readAllBytes(studyDir.resolve(p));
            if (p.endsWith(".png")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
                assertThat(image.getWidth()).as(p).isEqualTo(ReportPlots.WIDTH);
            } else {
                String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
                assertThat(text.startsWith("<?xml") || text.startsWith("<svg")).as(p).isTrue();
                assertThat(xml.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement().getNodeName()).isEqualTo("svg");
            }
        }

        String html = Files.readString(studyDir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,", "<style>");
        assertThat(html).doesNotContain("http:", "https:", "<script", "<link", "src=\"plots/");
        assertThat(countOf(html, "data:image/png;base64,")).isEqualTo(plots.size() / 2);
        String md = Files.readString(studyDir.resolve("report.md"));
        assertThat(md).contains("CartPole-v1", "Acrobot-v1", "bp-lr1e-2", "upper tail", "lpdm compare", "Probability of improvement",
                "Paired differences against bp", "DT (lower better)", "(plots/curves_CartPole-v1.png)");
        assertThat(md).doesNotContain("Missing from the statistics");

        String table = report.consoleTable();
        assertThat(table.lines()).hasSize(5);
        assertThat(table).contains("variant", "IQM [95% CI]", "steps/s", "bp-lr1e-2", "Acrobot-v1");
    }

    @Test
    void sameInputsGiveTheSameResults() throws Exception {
        JsonNode a = StudyReport.build(study, studyDir, outcomes, options()).results();
        JsonNode b = StudyReport.build(study, studyDir, outcomes, options()).results();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void singleEnvReportAggregatesRawReturns() throws Exception {
        StudySpec single = spec(List.of("CartPole-v1"));
        List<StudyRunner.RunOutcome> cart = outcomes.stream().filter(o -> o.key().env().equals("CartPole-v1")).toList();
        Path dir = root.resolve("single");
        StudyReport report = StudyReport.build(single, dir, cart, options().withCommand("lpdm compare --study s.yaml --out single"));
        report.write();
        JsonNode results = report.results();
        JsonNode bp = results.path("variants").path("bp");
        assertThat(bp.path("aggregate").path("scores").asText()).isEqualTo("raw");
        assertThat(bp.path("aggregate").path("iqm")).isEqualTo(bp.path("envs").path("CartPole-v1").path("iqm"));
        assertThat(results.path("normalisation").path("applied").asBoolean()).isFalse();
        assertThat(results.path("reproduce").asText()).isEqualTo("lpdm compare --study s.yaml --out single");
        // Runs live in the other directory: paths are relative to this one.
        assertThat(results.path("runs").get(0).path("directory").asText()).isEqualTo("../study/runs/CartPole-v1/bp/seed1");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("lpdm compare --study s.yaml --out single")
                .doesNotContain("Acrobot-v1");
    }

    @Test
    void partialResultsStillGiveAReportThatNamesTheMissingRuns() throws Exception {
        // bp-lr1e-2 lost seed 2 on CartPole and both seeds on Acrobot.
        List<StudyRunner.RunOutcome> partial = new ArrayList<>();
        for (StudyRunner.RunOutcome o : outcomes) {
            StudySpec.RunKey k = o.key();
            boolean lost = k.variant().equals("bp-lr1e-2") && (k.env().equals("Acrobot-v1") || k.seed() == 2);
            partial.add(lost ? new StudyRunner.RunOutcome(k, o.directory(), null, "IOException: disk full") : o);
        }
        partial.remove(0); // and CartPole-v1/bp/seed1 has no outcome at all
        Path dir = root.resolve("partial");
        StudyReport report = StudyReport.build(study, dir, partial, options());
        report.write();
        assertThat(report.missingRuns()).containsExactly(
                "CartPole-v1/bp/seed1: no outcome: the study did not run it",
                "CartPole-v1/bp-lr1e-2/seed2: IOException: disk full",
                "Acrobot-v1/bp-lr1e-2/seed1: IOException: disk full",
                "Acrobot-v1/bp-lr1e-2/seed2: IOException: disk full");
        JsonNode results = report.results();
        assertThat(results.path("missing_runs")).hasSize(4);
        JsonNode lr = results.path("variants").path("bp-lr1e-2");
        assertThat(lr.path("envs").path("CartPole-v1").path("runs").asInt()).isEqualTo(1);
        assertThat(lr.path("envs").path("Acrobot-v1").path("runs").asInt()).isZero();
        assertThat(lr.path("aggregate").isNull()).isTrue();
        assertThat(lr.path("aggregate_excluded_because").asText()).contains("Acrobot-v1");
        assertThat(results.path("variants").path("bp").path("aggregate").path("runs").asInt()).isEqualTo(3);
        // The only pair left on CartPole is seed 2 for bp vs ... nothing: bp lacks seed 1, bp-lr1e-2 lacks seed 2.
        JsonNode cartPairs = results.path("paired_differences").path("per_env").get(0);
        assertThat(cartPairs.path("seeds")).isEmpty();
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("Missing from the statistics (4 of 8 runs)", "`Acrobot-v1/bp-lr1e-2/seed2`: IOException: disk full",
                "Left out of the aggregate: bp-lr1e-2 (no usable run on Acrobot-v1)");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("IOException: disk full");
        assertThat(report.consoleTable()).contains("4 of 8 runs missing");
    }

    @Test
    void aStudyWhoseRunsAllFailedStillGetsAReport() throws Exception {
        List<StudyRunner.RunOutcome> failed = outcomes.stream()
                .map(o -> new StudyRunner.RunOutcome(o.key(), o.directory(), null, "OutOfMemoryError: Java heap space")).toList();
        Path dir = root.resolve("failed");
        StudyReport report = StudyReport.build(study, dir, failed, options());
        report.write();
        assertThat(report.missingRuns()).hasSize(8);
        assertThat(report.aggregateStatistics()).isNull();
        assertThat(report.results().path("plots")).isEmpty();
        assertThat(Files.readString(dir.resolve("report.md"))).contains("Missing from the statistics (8 of 8 runs)",
                "No variant has usable runs on every env");
        assertThat(dir.resolve("report.html")).isRegularFile();
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
