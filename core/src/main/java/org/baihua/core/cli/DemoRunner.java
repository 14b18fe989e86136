package org.baihua.core.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.BaihuaHost;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.datasets.IngestOutcome;
import org.baihua.core.inference.Prediction;
import org.baihua.core.inference.PredictionResult;
import org.baihua.core.inference.Predictor;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.jobs.TrainingSpec;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobState;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.training.EncoderTuning;
import org.baihua.core.training.TrainingParams;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.SampleData;

/**
 * The quick-start demo on a running host: for every domain, its plugin's first sample is ingested,
 * a model trained and promoted (or the existing production model reused), and two predictions
 * with explanations printed.
 */
final class DemoRunner {

    /** Longer than any demo training on a slow machine; a stuck job fails the demo with its state instead of hanging. */
    private static final java.time.Duration TRAINING_TIMEOUT = java.time.Duration.ofMinutes(30);

    /** A model the demo made or found. */
    record DemoModel(String name, String domain, String task, int version, Map<String, Object> example) {}

    private final BaihuaHost host;
    private final PrintStream out;
    private final boolean terminal;

    DemoRunner(BaihuaHost host, PrintStream out, boolean terminal) {
        this.host = host;
        this.out = out;
        this.terminal = terminal;
    }

    List<DemoModel> run() {
        Map<String, Contribution<SampleData>> plugins = new LinkedHashMap<>();
        Map<String, SampleData.Sample> firstSample = new java.util.TreeMap<>();
        for (Contribution<SampleData> c : host.injector().getInstance(DomainExtensions.class).samples()) {
            for (SampleData.Sample sample : c.extension().samples()) {
                if (!firstSample.containsKey(sample.domainId())) {
                    firstSample.put(sample.domainId(), sample);
                    plugins.put(sample.domainId(), c);
                }
            }
        }
        if (firstSample.isEmpty()) {
            throw new BaihuaException(Kind.UNAVAILABLE, "No started plugin ships sample data: install the bundled plugins first");
        }
        List<DemoModel> models = new ArrayList<>();
        for (Map.Entry<String, SampleData.Sample> entry : firstSample.entrySet()) {
            models.add(model(plugins.get(entry.getKey()), entry.getValue()));
        }
        return models;
    }

    private DemoModel model(Contribution<SampleData> plugin, SampleData.Sample sample) {
        String name = "demo-" + sample.domainId() + "-" + sample.taskId();
        out.println();
        out.println("== " + sample.domainId() + " / " + sample.taskId() + " (sample '" + sample.name() + "' of plugin '"
                + plugin.pluginId() + "')");
        IngestOutcome ingested = host.injector().getInstance(DatasetService.class).ingestSample(plugin.extension(), sample, "demo");
        out.printf(Locale.ROOT, "data set %s: %d rows, %d rejected%s%n", ingested.dataset().id(), ingested.dataset().rows(),
                ingested.dataset().rejectedCount(), ingested.reused() ? " (already ingested)" : "");
        ModelRegistry registry = host.injector().getInstance(ModelRegistry.class);
        Optional<ModelVersion> production = registry.models().stream().anyMatch(m -> m.name().equals(name))
                ? registry.production(name) : Optional.empty();
        ModelVersion version;
        if (production.isPresent()) {
            version = production.get();
            out.println("model " + name + " version " + version.version() + " is in production already; reusing it");
        } else {
            version = train(name, sample, ingested.dataset().id());
            version = registry.promote(name, version.version());
            out.println("promoted " + name + " version " + version.version() + " to production");
        }
        printMetrics(version);
        Map<String, Object> example = examples(name, ingested.dataset().id());
        return new DemoModel(name, sample.domainId(), sample.taskId(), version.version(), example);
    }

    private ModelVersion train(String name, SampleData.Sample sample, String datasetId) {
        TrainingJobs jobs = host.injector().getInstance(TrainingJobs.class);
        // A quick start: the shared encoder stays frozen even where a plugin would fine-tune it for
        // this much data (minutes, not a coffee break); `baihua train --fine-tune` shows the difference.
        TrainingParams quick = TrainingParams.builder().optEncoder(EncoderTuning.frozen()).build();
        JobStore.QueuedTraining queued = jobs.submit(new TrainingSpec(name, sample.domainId(), sample.taskId(), datasetId, null, quick, null),
                "demo");
        String jobId = queued.job().id();
        ProgressLine progress = new ProgressLine(out, terminal);
        JobInfo finished = jobs.await(jobId, TRAINING_TIMEOUT, progress::show);
        progress.end();
        if (finished.state() != JobState.SUCCEEDED) {
            throw new BaihuaException(Kind.INTERNAL, "Training " + name + " ended " + finished.state() + ": " + finished.error());
        }
        return host.injector().getInstance(ModelRegistry.class).version(name, queued.version().version());
    }

    @SuppressWarnings("unchecked")
    private void printMetrics(ModelVersion version) {
        Map<String, Object> metrics = version.metrics();
        Object test = metrics.get("test");
        String primary = String.valueOf(metrics.get("primaryMetric"));
        if (test instanceof Map<?, ?> values) {
            Map<String, Object> m = (Map<String, Object>) values;
            out.printf(Locale.ROOT, "test split (%s examples): %s %s, accuracy %s, macro-F1 %s%n", m.get("examples"),
                    primary.toLowerCase(Locale.ROOT).replace('_', '-'), number(m.get(metricKey(primary))), number(m.get("accuracy")),
                    number(m.get("macroF1")));
        }
        Map<String, Long> timings = version.timings();
        if (metrics.get("texts") instanceof Map<?, ?> texts && texts.get("truncated") instanceof Number cut
                && cut.longValue() > 0) {
            out.printf(Locale.ROOT, "%d of %s texts were longer than the encoder's %s tokens and kept only their start%n",
                    cut.longValue(), texts.get("embedded"), texts.get("maxTokens"));
        }
        if (timings != null && timings.get("total") != null) {
            out.printf(Locale.ROOT, "trained in %.1f s (embedding %.1f s, training %.1f s)%n", timings.get("total") / 1000.0,
                    timings.getOrDefault("embedding", 0L) / 1000.0, timings.getOrDefault("training", 0L) / 1000.0);
        }
    }

    private Map<String, Object> examples(String name, String datasetId) {
        List<DataRecord> rows = host.injector().getInstance(DatasetStore.class).readRows(datasetId);
        List<Map<String, Object>> records = new ArrayList<>();
        List<Object> truth = new ArrayList<>();
        for (DataRecord row : List.of(rows.get(0), rows.get(rows.size() / 2))) {
            Map<String, Object> values = new LinkedHashMap<>(row.values());
            truth.add(values.remove(DataRecord.LABEL));
            records.add(values);
        }
        PredictionResult result = host.injector().getInstance(Predictor.class).predict(name, null, records, true);
        for (int i = 0; i < result.predictions().size(); i++) {
            Prediction p = result.predictions().get(i);
            String decided = p.label() != null ? p.label() : String.valueOf(p.labels());
            out.printf(Locale.ROOT, "example %d: predicted %s (p=%.2f), labelled %s%n", i + 1, decided,
                    p.probabilities().values().stream().mapToDouble(Double::doubleValue).max().orElse(0), truth.get(i));
            Prediction.Explanation why = p.explanation();
            if (why != null && !why.words().isEmpty()) {
                out.println("  words for '" + why.explained() + "': " + why.words().stream().limit(5)
                        .map(w -> w.word() + String.format(Locale.ROOT, " %+.3f", w.weight())).toList());
            } else if (why != null && !why.fields().isEmpty()) {
                out.println("  fields for '" + why.explained() + "': " + why.fields().entrySet().stream()
                        .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue()))).limit(4)
                        .map(e -> e.getKey() + String.format(Locale.ROOT, " %+.3f", e.getValue())).toList());
            }
        }
        return records.get(0);
    }

    private static String metricKey(String metric) {
        return switch (metric) {
            case "MACRO_F1" -> "macroF1";
            case "ROC_AUC" -> "rocAuc";
            case "PR_AUC" -> "prAuc";
            case "LOG_LOSS" -> "logLoss";
            case "EXPECTED_COST" -> "expectedCost";
            case "F1" -> "f1";
            default -> "accuracy";
        };
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a";
    }

    /** One status line: redrawn in place on a terminal, a plain line per change otherwise. */
    private static final class ProgressLine {
        private final PrintStream out;
        private final boolean terminal;
        private String lastPhase = "";
        private boolean drawn;

        ProgressLine(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        synchronized void show(JobInfo job) {
            var p = job.progress();
            if (job.state() != JobState.RUNNING || p == null) {
                return;
            }
            if (!"training".equals(p.phase()) || p.epochs() == 0) {
                if (!p.phase().equals(lastPhase)) {
                    line(p.phase() + "...", true);
                    lastPhase = p.phase();
                }
                return;
            }
            int width = 30;
            int filled = (int) Math.round(width * (double) p.epoch() / p.epochs());
            String text = String.format(Locale.ROOT, "training [%s%s] epoch %d/%d loss %.4f%s", "#".repeat(filled),
                    " ".repeat(width - filled), p.epoch(), p.epochs(), p.loss() == null ? Double.NaN : p.loss(),
                    p.validationMetric() == null ? "" : String.format(Locale.ROOT, " validation %.3f", p.validationMetric()));
            line(text, false);
            lastPhase = p.phase();
        }

        private void line(String text, boolean phase) {
            if (terminal) {
                out.print("\r" + text + "\u001b[K");
                if (phase) {
                    out.println();
                }
                drawn = !phase;
            } else {
                out.println(text);
            }
            out.flush();
        }

        synchronized void end() {
            if (terminal && drawn) {
                out.println();
            }
        }
    }
}
