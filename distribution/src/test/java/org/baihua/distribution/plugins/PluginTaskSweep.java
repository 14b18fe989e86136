package org.baihua.distribution.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the plugin READMEs' "What we measured" figures per encoder are made: one real host with one
 * bundled plugin, one shipped sample ingested once, then the task trained over REST for each encoder
 * and seed with the plugin's defaults, exactly as the end-to-end tests train it. The first seed of an
 * encoder runs on a cold embedding cache, the others on a warm one. Per run it prints the test
 * metrics, the cross-validation report, the phase timings and the process CPU time the run used
 * (the host is in this process), then mean ± sample std per encoder.
 *
 * <p>Not a test: run it from the test class path with {@code -Dbaihua.dist.dir=distribution/target/baihua-<v>}
 * ({@code -Dsweep.dir=<dir>} to reuse an earlier sweep's data directory and warm embedding cache)
 * and arguments {@code <plugin> <sample> <task> <metric> <encoder,...> <seed,...> [head JSON]}, for example
 * {@code medical medical-abstracts condition macroF1 all-minilm-l6-v2-q,bge-small-en-v15 1,2,3,7,42,99}.
 * {@code -Dsweep.encoder-training=<JSON>} adds {@code training.encoder} (e.g. {@code {"mode":"fine-tune","layers":2}}).
 */
public final class PluginTaskSweep {

    private PluginTaskSweep() {}

    public static void main(String[] args) throws Exception {
        String plugin = args[0];
        String sample = args[1];
        String task = args[2];
        String metric = args[3];
        List<String> encoders = List.of(args[4].split(","));
        List<Long> seeds = List.of(args[5].split(",")).stream().map(Long::parseLong).toList();
        String head = args.length > 6 ? args[6] : null;
        // -Dsweep.encoder-training={"mode":"fine-tune","layers":2} trains the encoder too (issue 13's table)
        String encoderTraining = System.getProperty("sweep.encoder-training");
        String modelSuffix = encoderTraining == null ? "" : "-" + Integer.toHexString(encoderTraining.hashCode());
        // -Dsweep.dir=<dir of an earlier sweep> reuses its data directory and so its embedding cache
        String reuse = System.getProperty("sweep.dir");
        Path tmp = reuse != null ? Path.of(reuse) : Files.createTempDirectory("baihua-sweep");
        System.out.println("SWEEP-DIR " + tmp);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (PluginHostFixture host = PluginHostFixture.start(tmp, plugin)) {
            String dataset = host.ingestSample(sample);
            for (String encoder : encoders) {
                List<Double> values = new ArrayList<>();
                for (long seed : seeds) {
                    long cpu = os.getProcessCpuTime();
                    long wall = System.nanoTime();
                    PluginHostFixture.Trained trained = host.train(task + "-" + encoder + "-" + seed + (head == null ? "" : "-head") + modelSuffix,
                            plugin, task, dataset, "{\"seed\": " + seed
                                    + (encoderTraining == null ? "" : ", \"encoder\": " + encoderTraining) + "}", encoder, head);
                    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
                    double wallSeconds = (System.nanoTime() - wall) / 1e9;
                    JsonNode metrics = trained.document().get("metrics");
                    JsonNode test = metrics.get("test");
                    values.add(test.get(metric).asDouble());
                    JsonNode cv = metrics.get("crossValidation");
                    String cvText = cv == null || cv.isNull() ? "-" : String.format(Locale.ROOT, "%s %.4f±%.4f",
                            cv.get("chosen").asText(), cv.get("mean").asDouble(), cv.get("std").asDouble());
                    System.out.printf(Locale.ROOT, "SWEEP %s/%s encoder=%s seed=%d %s=%.4f accuracy=%.4f macroF1=%.4f"
                                    + " cv=[%s] timings(ms)=%s wall=%.1fs cpu=%.1fs load=%.2f lineageEncoder=%s fineTuning=%s%n",
                            plugin, task, encoder, seed, metric, test.get(metric).asDouble(), test.get("accuracy").asDouble(),
                            test.get("macroF1").asDouble(), cvText, trained.document().get("timings"), wallSeconds, cpuSeconds,
                            os.getSystemLoadAverage(), trained.document().get("lineage").get("encoderId").asText(), metrics.get("fineTuning"));
                }
                double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1);
                System.out.printf(Locale.ROOT, "SWEEP-SUMMARY %s/%s encoder=%s %s mean=%.4f std=%.4f min=%.4f max=%.4f seeds=%s%n",
                        plugin, task, encoder, metric, mean, Math.sqrt(var),
                        values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                        values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), seeds);
            }
        }
    }
}
