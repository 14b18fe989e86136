package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.baihua.core.inference.Prediction;
import org.baihua.core.inference.Predictor;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.training.data.StratifiedSplit;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small data set is cross-validated, refit and calibrated, and the version serves exactly the
 * calibrated probabilities its test metrics were computed from: the held-out rows predicted through
 * the {@link Predictor} (pipeline, ONNX head, decision) give the stored test log-loss, ECE and
 * ROC-AUC again.
 */
class CalibratedServingIT {

    private static final long SEED = 5;
    private static final int ROWS = 600;

    @TempDir
    Path tmp;

    /** Overlapping classes (glucose and bmi shift with the label, with much noise), so probabilities are not all 0 or 1. */
    private static List<Map<String, Object>> rows() {
        Random random = new Random(11);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            boolean positive = random.nextDouble() < 0.4;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("glucose", Math.round(((positive ? 125 : 105) + random.nextGaussian() * 22) * 10) / 10.0);
            row.put("bmi", Math.round(((positive ? 30 : 27) + random.nextGaussian() * 4) * 10) / 10.0);
            row.put("sex", random.nextBoolean() ? "f" : "m");
            row.put("label", positive ? "positive" : "negative");
            rows.add(row);
        }
        return rows;
    }

    @Test
    void servedProbabilitiesAreTheCalibratedOnesTheTestMetricsWereComputedFrom() throws Exception {
        List<Map<String, Object>> rows = rows();
        StringBuilder csv = new StringBuilder("glucose,bmi,sex,label\n");
        rows.forEach(r -> csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", r.get("glucose"), r.get("bmi"), r.get("sex"),
                r.get("label"))));
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(ClinicFixture.pluginZip(tmp.resolve("fixtures")));
            HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=clinic&task=risk", "text/csv", csv.toString());
            assertThat(ingested.status()).as(ingested.body()).isIn(200, 201);
            HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                    {"name": "risk", "domain": "clinic", "task": "risk", "dataset": "%s", "training": {"epochs": 30, "seed": %d}}
                    """.formatted(ingested.json().get("id").asText(), SEED));
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            JsonNode done = fixture.awaitJob(queued.json().get("job").asText(), 300);
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            JsonNode metrics = fixture.get("/api/v1/models/risk/versions/1").json().get("metrics");

            JsonNode cv = metrics.get("crossValidation");
            assertThat(cv).as(metrics.toString()).isNotNull();
            assertThat(cv.get("folds").asInt()).isEqualTo(5);
            assertThat(cv.get("refitRows").asInt()).isEqualTo(metrics.get("split").get("train").asInt()
                    + metrics.get("split").get("validation").asInt());
            assertThat(cv.get("mean").asDouble()).isBetween(0.6, 1.0);
            assertThat(cv.get("std").asDouble()).isGreaterThan(0);
            JsonNode calibration = metrics.get("calibration");
            assertThat(calibration.get("fittedOn").asText()).isEqualTo("out-of-fold");
            // the temperature minimises the log-loss; on a head that is nearly calibrated already, the ECE may move either way
            assertThat(calibration.get("logLossAfter").asDouble()).isLessThanOrEqualTo(calibration.get("logLossBefore").asDouble());
            assertThat(calibration.get("eceAfter").asDouble()).isLessThan(0.1);
            assertThat(calibration.has("testEceBefore")).isTrue();

            // the held-out rows, as the host split them
            int[] classes = rows.stream().mapToInt(r -> "positive".equals(r.get("label")) ? 1 : 0).toArray();
            Targets all = Targets.single(TaskKind.BINARY, List.of("negative", "positive"), classes);
            int[] test = StratifiedSplit.of(all, 0.15, 0.15, SEED).test();
            assertThat(test).hasSize(metrics.get("test").get("examples").asInt());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int r : test) {
                Map<String, Object> record = new LinkedHashMap<>(rows.get(r));
                record.remove("label");
                records.add(record);
            }
            List<Prediction> served = fixture.get(Predictor.class).predict("risk", 1, records, false).predictions();
            float[][] probabilities = new float[test.length][];
            for (int i = 0; i < test.length; i++) {
                Map<String, Double> p = served.get(i).probabilities();
                probabilities[i] = new float[] {p.get("negative").floatValue(), p.get("positive").floatValue()};
            }
            Evaluation recomputed = Evaluator.evaluate(probabilities, all.subset(test), new DecisionApplier(TaskKind.BINARY,
                    all.labels(), new DecisionPolicy.Threshold("positive", 0.5, null)), "test");
            JsonNode stored = metrics.get("test");
            assertThat(recomputed.logLoss()).isCloseTo(stored.get("logLoss").asDouble(), within(1e-6));
            assertThat(recomputed.expectedCalibrationError()).isCloseTo(stored.get("expectedCalibrationError").asDouble(),
                    within(1e-6));
            assertThat(recomputed.rocAuc()).isCloseTo(stored.get("rocAuc").asDouble(), within(1e-9));
            assertThat(calibration.get("testEceAfter").asDouble()).isCloseTo(recomputed.expectedCalibrationError(), within(1e-6));
        }
    }
}
