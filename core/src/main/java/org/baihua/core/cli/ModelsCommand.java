package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baihua models list|show|promote|rollback|archive|delete|retrain|traffic|shadow|history|drift}. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List models and move their versions through the lifecycle.",
        subcommands = {RolloutCommands.Traffic.class, RolloutCommands.Shadow.class, RolloutCommands.History.class, RolloutCommands.Drift.class})
final class ModelsCommand {

    @Mixin
    ClientOptions options;

    @Command(name = "list", description = "List models with their production and latest versions.")
    int list() {
        JsonNode models = options.client().get("/api/v1/models");
        if (options.json()) {
            System.out.println(HostClient.pretty(models));
            return 0;
        }
        Table table = new Table("MODEL", "DOMAIN", "TASK", "PRODUCTION", "LATEST", "CREATED");
        for (JsonNode m : models) {
            table.row(m.path("name").asText(), m.path("domain").asText(), m.path("task").asText(),
                    m.path("productionVersion").isNull() ? "-" : "v" + m.path("productionVersion").asInt(),
                    "v" + m.path("latestVersion").asInt(), m.path("createdAt").asText());
        }
        table.print(System.out);
        return 0;
    }

    @Command(name = "show", description = "Show a model's versions, or one version with its metrics and lineage.")
    int show(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION", arity = "0..1") Integer version) {
        if (version != null) {
            JsonNode v = options.client().get(versionPath(name, version));
            System.out.println(options.json() ? HostClient.pretty(v) : describe(v));
            return 0;
        }
        JsonNode model = options.client().get("/api/v1/models/" + HostClient.segment(name));
        if (options.json()) {
            System.out.println(HostClient.pretty(model));
            return 0;
        }
        System.out.println("Model '" + model.path("name").asText() + "' (" + model.path("domain").asText() + "/"
                + model.path("task").asText() + ")");
        Table table = new Table("VERSION", "STATE", "STAGE", "METRIC", "DATASET", "CREATED");
        for (JsonNode v : model.path("versions")) {
            table.row("v" + v.path("version").asInt(), v.path("state").asText()
                            + (v.hasNonNull("notServing") ? " (" + v.path("notServing").asText() + ")" : ""), v.path("stage").asText(), primaryMetric(v),
                    v.path("lineage").path("datasetId").asText(), v.path("createdAt").asText());
        }
        table.print(System.out);
        return 0;
    }

    @Command(name = "promote", description = "Make a READY version the production version.")
    int promote(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version) {
        return changed(options.client().post(versionPath(name, version) + "/promote", null), "is now in production");
    }

    @Command(name = "rollback", description = "Put the previous production version back.")
    int rollback(@Parameters(paramLabel = "NAME") String name) {
        return changed(options.client().post("/api/v1/models/" + HostClient.segment(name) + "/rollback", null), "is now in production");
    }

    @Command(name = "archive", description = "Archive a version that is not in production.")
    int archive(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version) {
        return changed(options.client().post(versionPath(name, version) + "/archive", null), "is archived");
    }

    @Command(name = "delete", description = "Delete a version that is not in production.")
    int delete(@Parameters(paramLabel = "NAME") String name, @Parameters(paramLabel = "VERSION") int version) {
        options.client().delete(versionPath(name, version));
        System.out.println("Deleted model '" + name + "' version " + version);
        return 0;
    }

    @Command(name = "retrain", description = "Train a new version with the data set and settings of the production (or newest READY) "
            + "version, on the newest plugin version or the one named.")
    int retrain(@Parameters(paramLabel = "NAME") String name,
                @picocli.CommandLine.Option(names = "--plugin-version", paramLabel = "V", description = "Plugin version to train with.")
                String pluginVersion,
                @picocli.CommandLine.Option(names = "--from-version", paramLabel = "N", description = "Version whose data set and settings to repeat.")
                Integer fromVersion) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (pluginVersion != null) {
            body.put("pluginVersion", pluginVersion);
        }
        if (fromVersion != null) {
            body.put("fromVersion", fromVersion);
        }
        JsonNode queued = options.client().post("/api/v1/models/" + HostClient.segment(name) + "/retrain", body);
        System.out.println(options.json() ? HostClient.pretty(queued)
                : "Retraining model '" + queued.path("model").asText() + "' as version " + queued.path("version").asInt()
                        + " (job " + queued.path("job").asText() + ")");
        return 0;
    }

    private int changed(JsonNode v, String what) {
        System.out.println(options.json() ? HostClient.pretty(v)
                : "Model '" + v.path("model").asText() + "' version " + v.path("version").asInt() + " " + what);
        return 0;
    }

    static String versionPath(String name, int version) {
        return "/api/v1/models/" + HostClient.segment(name) + "/versions/" + version;
    }

    /** The primary metric on the test split (else validation), as {@code roc_auc 0.912}. */
    static String primaryMetric(JsonNode version) {
        JsonNode metrics = version.path("metrics");
        String primary = metrics.path("primaryMetric").asText("");
        String key = switch (primary) {
            case "ROC_AUC" -> "rocAuc";
            case "PR_AUC" -> "prAuc";
            case "MACRO_F1" -> "macroF1";
            case "F1" -> "f1";
            case "LOG_LOSS" -> "logLoss";
            case "EXPECTED_COST" -> "expectedCost";
            default -> "accuracy";
        };
        JsonNode split = metrics.has("test") ? metrics.path("test") : metrics.path("validation");
        return split.hasNonNull(key) ? primary.toLowerCase(java.util.Locale.ROOT) + " " + String.format(java.util.Locale.ROOT, "%.3f",
                split.get(key).asDouble()) : "-";
    }

    /**
     * The cross-validated mean and std of the primary metric and the calibration's ECE before and after, when the
     * version has them: on small data the spread says how far to trust the single test figure.
     */
    private static void appendSpread(StringBuilder out, JsonNode metrics) {
        JsonNode cv = metrics.path("crossValidation");
        if (cv.isObject()) {
            out.append("  cross-validation (").append(cv.path("folds").asInt()).append("-fold x ").append(cv.path("repeats").asInt())
                    .append(", ").append(cv.path("rows").asInt()).append(" rows): ")
                    .append(cv.path("metric").asText().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.3f +/- %.3f", cv.path("mean").asDouble(), cv.path("std").asDouble()))
                    .append(", chosen ").append(cv.path("chosen").asText()).append('\n');
        }
        JsonNode calibration = metrics.path("calibration");
        if (calibration.isObject() && calibration.hasNonNull("eceBefore")) {
            out.append("  calibration: temperature ").append(String.format(java.util.Locale.ROOT, "%.2f", calibration.path("temperature").asDouble()))
                    .append(" fitted on ").append(calibration.path("fittedOn").asText()).append(", ECE ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f -> %.3f", calibration.path("eceBefore").asDouble(),
                            calibration.path("eceAfter").asDouble()));
            if (calibration.hasNonNull("testEceBefore")) {
                out.append(String.format(java.util.Locale.ROOT, " (test %.3f -> %.3f)", calibration.path("testEceBefore").asDouble(),
                        calibration.path("testEceAfter").asDouble()));
            }
            out.append('\n');
        }
    }

    /** A version for people: state, stage, lineage and the test (or validation) metrics. */
    static String describe(JsonNode v) {
        StringBuilder out = new StringBuilder();
        out.append("Model '").append(v.path("model").asText()).append("' version ").append(v.path("version").asInt()).append(": ")
                .append(v.path("state").asText()).append(", stage ").append(v.path("stage").asText());
        if (v.hasNonNull("notServing")) {
            out.append(", ").append(v.path("notServing").asText());
        }
        out.append('\n');
        JsonNode lineage = v.path("lineage");
        out.append("  data set ").append(lineage.path("datasetId").asText()).append(", plugin ").append(lineage.path("pluginId").asText())
                .append(' ').append(lineage.path("pluginVersion").asText());
        if (lineage.hasNonNull("encoderId")) {
            out.append(", encoder ").append(lineage.path("encoderId").asText());
            if (lineage.hasNonNull("encoderReason")) {
                out.append(" (").append(lineage.path("encoderReason").asText()).append(')');
            }
        }
        out.append('\n');
        JsonNode longTexts = v.path("metrics").path("longTexts");
        if (longTexts.isObject()) {
            out.append("  long texts: ").append(longTexts.path("longTexts").asLong()).append(" of ")
                    .append(longTexts.path("texts").asLong()).append(" exceed ").append(longTexts.path("window").asInt())
                    .append(" tokens; ").append(longTexts.path("strategy").asText()).append(": ")
                    .append(longTexts.path("action").asText()).append('\n');
        }
        if (v.hasNonNull("error")) {
            out.append("  error: ").append(v.path("error").asText()).append('\n');
        }
        JsonNode metrics = v.path("metrics");
        JsonNode split = metrics.has("test") ? metrics.path("test") : metrics.path("validation");
        if (!split.isMissingNode() && !split.isNull()) {
            out.append("  ").append(split.path("split").asText("test")).append(" (").append(split.path("examples").asInt()).append(" examples):");
            for (String key : new String[] {"accuracy", "macroF1", "f1", "rocAuc", "prAuc", "logLoss"}) {
                if (split.hasNonNull(key)) {
                    out.append(' ').append(key).append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", split.get(key).asDouble()));
                }
            }
            out.append('\n');
        }
        appendSpread(out, metrics);
        for (JsonNode warning : metrics.path("warnings")) {
            out.append("  warning: ").append(warning.asText()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
