package org.baihua.bench.lifecycle;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.datasets.DatasetService;
import org.baihua.core.datasets.IngestOutcome;
import org.baihua.core.datasets.IngestRequest;
import org.baihua.core.inference.Predictor;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.jobs.TrainingSpec;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobState;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataRecord;

/**
 * Model lifecycle figures on one host, in process: time from train request to READY for 5,000 text
 * records with a cold and then a warm embedding cache, and predict latency and batch throughput.
 *
 * <p>Usage: {@code LifecycleBench <plugins-dir> <sent_train.csv> [rows]} (see docs/benchmarks.md).
 */
public final class LifecycleBench {

    private LifecycleBench() {}

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        Path dataDir = Files.createTempDirectory("baihua-lifecycle-bench");
        List<String> lines = new ArrayList<>();
        // sent_train.csv has quoted multi-line fields: keep whole records by counting quotes.
        StringBuilder record = new StringBuilder();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            record.append(record.length() == 0 ? "" : "\n").append(line);
            if (record.chars().filter(c -> c == '"').count() % 2 == 0) {
                lines.add(record.toString());
                record.setLength(0);
            }
        }
        String subset = String.join("\n", lines.subList(0, Math.min(rows + 1, lines.size()))) + "\n";
        try (BaihuaHost host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", dataDir.toString(),
                "plugins.dir", plugins.toString())), Map.of("BAIHUA_ADMIN_KEY", "bench-admin-key-0123456789"))) {
            IngestOutcome data = host.injector().getInstance(DatasetService.class).ingest(new IngestRequest("finance", "news-sentiment",
                    "csv", "bench", AdapterOptions.none(), null, "0:bearish,1:bullish,2:neutral"),
                    new ByteArrayInputStream(subset.getBytes(StandardCharsets.UTF_8)), "bench");
            System.out.printf(Locale.ROOT, "data set: %d rows%n", data.dataset().rows());
            double cold = trainSeconds(host, data.dataset().id(), 1);
            double warm = trainSeconds(host, data.dataset().id(), 2);
            ModelRegistry registry = host.injector().getInstance(ModelRegistry.class);
            registry.promote("bench", 1);
            System.out.printf(Locale.ROOT, "train request -> READY, %d texts: cold cache %.1f s, warm cache %.1f s (%.1fx)%n",
                    data.dataset().rows(), cold, warm, cold / warm);
            System.out.println("  timings v1: " + registry.version("bench", 1).timings());
            System.out.println("  timings v2: " + registry.version("bench", 2).timings());

            List<DataRecord> stored = host.injector().getInstance(DatasetStore.class).readRows(data.dataset().id());
            List<Map<String, Object>> records = new ArrayList<>();
            for (DataRecord r : stored.subList(0, 1_000)) {
                records.add(Map.of("text", r.text("text")));
            }
            Predictor predictor = host.injector().getInstance(Predictor.class);
            for (int i = 0; i < 200; i++) { // warm-up: JIT, session, cache
                predictor.predict("bench", null, List.of(records.get(i % records.size())), false);
            }
            int n = 1_000;
            long[] single = new long[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                predictor.predict("bench", null, List.of(records.get(i)), false);
                single[i] = System.nanoTime() - t;
            }
            Arrays.sort(single);
            System.out.printf(Locale.ROOT, "predict 1 record (cached embeddings): p50 %.2f ms, p99 %.2f ms%n", single[n / 2] / 1e6,
                    single[n * 99 / 100] / 1e6);
            int batches = 200;
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int from = (b * 32) % (records.size() - 32);
                predictor.predict("bench", null, records.subList(from, from + 32), false);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "predict batches of 32 (cached embeddings): %.0f records/s%n", batches * 32 / seconds);
            List<Map<String, Object>> fresh = new ArrayList<>();
            for (int i = 0; i < 320; i++) {
                fresh.add(Map.of("text", "unseen headline number " + i + " about " + records.get(i).get("text")));
            }
            long t1 = System.nanoTime();
            for (int b = 0; b < 10; b++) {
                predictor.predict("bench", null, fresh.subList(b * 32, b * 32 + 32), false);
            }
            System.out.printf(Locale.ROOT, "predict batches of 32 (new texts, embedding included): %.0f records/s%n",
                    320 / ((System.nanoTime() - t1) / 1e9));
        }
    }

    private static double trainSeconds(BaihuaHost host, String dataset, long seed) throws Exception {
        TrainingJobs jobs = host.injector().getInstance(TrainingJobs.class);
        long t = System.nanoTime();
        JobStore.QueuedTraining queued = jobs.submit(new TrainingSpec("bench", "finance", "news-sentiment", dataset, null,
                TrainingParams.builder().optSeed(seed).build(), null), "bench");
        JobInfo finished = jobs.await(queued.job().id(), java.time.Duration.ofMinutes(30));
        if (finished.state() != JobState.SUCCEEDED) {
            throw new IllegalStateException("training failed: " + finished.error());
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
