package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code baihua train} and {@code models show} print the cross-validated spread and the calibration when a version has them. */
class ModelsShowSpreadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode version(String extraMetrics) throws Exception {
        return JSON.readTree("""
                {"model": "triage", "version": 2, "state": "READY", "stage": "NONE",
                 "lineage": {"datasetId": "ds-1", "pluginId": "notes", "pluginVersion": "1.0.0"},
                 "metrics": {"primaryMetric": "MACRO_F1", "test": {"split": "test", "examples": 40, "macroF1": 0.61}%s}}
                """.formatted(extraMetrics));
    }

    @Test
    void printsTheCrossValidatedMeanAndStdAndTheEceBeforeAndAfter() throws Exception {
        String described = ModelsCommand.describe(version("""
                , "crossValidation": {"metric": "MACRO_F1", "folds": 5, "repeats": 2, "seed": 42, "rows": 240,
                   "candidates": [], "chosen": "designed", "mean": 0.6154, "std": 0.0213, "refitEpochs": 12, "refitRows": 240},
                  "calibration": {"temperature": 1.734, "fittedOn": "out-of-fold", "rows": 240, "eceBefore": 0.0812,
                   "eceAfter": 0.0391, "logLossBefore": 0.9, "logLossAfter": 0.8, "testEceBefore": 0.086, "testEceAfter": 0.052}
                """));

        assertThat(described.lines()).contains(
                "  test (40 examples): macroF1 0.6100",
                "  cross-validation (5-fold x 2, 240 rows): macro_f1 0.615 +/- 0.021, chosen designed",
                "  calibration: temperature 1.73 fitted on out-of-fold, ECE 0.081 -> 0.039 (test 0.086 -> 0.052)");
    }

    @Test
    void aVersionWithoutThemPrintsNeither() throws Exception {
        String described = ModelsCommand.describe(version(""));

        assertThat(described).contains("macroF1 0.6100").doesNotContain("cross-validation").doesNotContain("calibration");
        assertThat(ModelsCommand.describe(version(", \"calibration\": {\"temperature\": 1.2, \"fittedOn\": \"validation\","
                + " \"rows\": 30, \"eceBefore\": 0.12, \"eceAfter\": 0.05}")).lines())
                .contains("  calibration: temperature 1.20 fitted on validation, ECE 0.120 -> 0.050");
    }
}
