package org.baihua.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.inference.Predictor;

/**
 * Predict over HTTP under load, against the same predictions in process.
 *
 * <p>Starts a host in its own JVM with the finance plugin, trains the {@code credit-risk} task (20
 * tabular fields, no text encoder) on the German Credit sample over REST and promotes it; then
 * drives {@code POST /api/v1/models/credit/predict}
 * from this JVM with 1, 16 and 64 keep-alive connections, for single-record and batch requests.
 * At each level it alternates, in rounds, with calls of {@link Predictor#predict} from as many
 * threads on a host opened in this JVM on a copy of the same data directory, so the ratio HTTP / in
 * process is measured in the same run, on the same model, under the same background load. See docs/benchmarks.md, section "HTTP predict", for the command.
 */
public final class HttpPredictBench {

    private static final String KEY = "bench-admin-key-0123456789abcdef";
    private static final String MODEL = "credit";
    /** The 20 Statlog German Credit attributes in file order, as the finance plugin's credit-risk task names them. */
    private static final List<String> COLUMNS = List.of("checking_status", "duration_months", "credit_history", "purpose",
            "credit_amount", "savings", "employment_since", "installment_rate", "personal_status", "other_debtors", "residence_since",
            "property", "age", "other_installment_plans", "housing", "existing_credits", "job", "dependents", "telephone",
            "foreign_worker");
    private static final java.util.Set<String> NUMERIC = java.util.Set.of("duration_months", "credit_amount", "installment_rate",
            "residence_since", "age", "existing_credits", "dependents");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpPredictBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path plugin = Path.of(require(options, "plugin"));
        Path data = Path.of(require(options, "data"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "30"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "32"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        List<Integer> levels = new ArrayList<>();
        for (String level : options.getOrDefault("connections", "1,16,64").split(",")) {
            levels.add(Integer.parseInt(level.trim()));
        }
        Path work = Files.createTempDirectory("baihua-http-bench-");
        Path pluginsDir = Files.createDirectories(work.resolve("plugins"));
        Files.copy(plugin, pluginsDir.resolve(plugin.getFileName()));
        Path dataDir = work.resolve("data");

        List<Map<String, Object>> rows = records(data, batch);
        Map<String, List<Map<String, Object>>> shapes = new LinkedHashMap<>();
        shapes.put("1 record", rows.subList(0, 1));
        shapes.put(batch + " records", rows);

        System.out.printf(Locale.ROOT, "# HTTP predict: %d cores, Java %s, %s s per level and mode in %d alternating rounds, "
                + "after %s s warm-up; load average at start %.1f%n", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                seconds, rounds, warmup, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // Train in a host process, then give the in-process host a copy of the data directory so that both can
        // run side by side: the two modes alternate in rounds, so background load on a shared machine hits both alike.
        try (HostProcess trainer = new HostProcess(dataDir, pluginsDir, KEY, List.of("-Xmx2g"))) {
            trainAndPromote(trainer.uri(), data);
        }
        Path localDataDir = work.resolve("data-in-process");
        copyTree(dataDir, localDataDir);
        Map<String, HttpLoad.Result> http = new LinkedHashMap<>();
        Map<String, HttpLoad.Result> local = new LinkedHashMap<>();
        try (HostProcess host = new HostProcess(dataDir, pluginsDir, KEY, List.of("-Xmx2g"));
             BaihuaHost inProcess = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", localDataDir.toString(),
                     "plugins.dir", pluginsDir.toString())), Map.of("BAIHUA_ADMIN_KEY", KEY))) {
            Predictor predictor = inProcess.injector().getInstance(Predictor.class);
            for (Map.Entry<String, List<Map<String, Object>>> shape : shapes.entrySet()) {
                HttpLoad overHttp = new HttpLoad(host.uri().getHost(), host.uri().getPort(), "/api/v1/models/" + MODEL + "/predict", KEY,
                        JSON.writeValueAsBytes(Map.of("records", shape.getValue())));
                InProcessLoad direct = new InProcessLoad(predictor, MODEL, shape.getValue());
                for (int level : levels) {
                    String key = shape.getKey() + "@" + level;
                    for (int round = 0; round < rounds; round++) {
                        double warm = round == 0 ? warmup : 0;
                        HttpLoad.Result h = overHttp.run(level, warm, seconds / rounds);
                        HttpLoad.Result l = direct.run(level, warm, seconds / rounds);
                        http.merge(key, h, HttpLoad.Result::plus);
                        local.merge(key, l, HttpLoad.Result::plus);
                    }
                    System.out.println("http       " + line(shape.getKey(), http.get(key)));
                    System.out.println("in-process " + line(shape.getKey(), local.get(key)));
                }
            }
        }
        System.out.println();
        System.out.println("| request | connections | HTTP req/s | HTTP records/s | p50 ms | p99 ms | errors | in-process calls/s | p50 ms | p99 ms | HTTP / in-process |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        http.forEach((key, h) -> {
            HttpLoad.Result l = local.get(key);
            String shape = key.substring(0, key.indexOf('@'));
            int records = shapes.get(shape).size();
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.2f | %d | %.0f | %.2f | %.2f | %.2f |%n", shape,
                    h.connections(), h.throughput(), h.throughput() * records, h.latencies().quantileMillis(0.5),
                    h.latencies().quantileMillis(0.99), h.errors(), l.throughput(), l.latencies().quantileMillis(0.5),
                    l.latencies().quantileMillis(0.99), h.throughput() / l.throughput());
        });
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static String line(String shape, HttpLoad.Result r) {
        return String.format(Locale.ROOT, "%-11s c=%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%s", shape, r.connections(),
                r.throughput(), r.latencies().quantileMillis(0.5), r.latencies().quantileMillis(0.99), r.errors(),
                r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
    }

    /** Ingests the German Credit sample for finance/credit-risk, trains the model over REST and promotes it. */
    private static void trainAndPromote(URI base, Path data) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String query = "domain=finance&task=credit-risk&format=csv&option.header=false&option.columns="
                + URLEncoder.encode(String.join(",", COLUMNS) + ",class", StandardCharsets.UTF_8)
                + "&mapping=label%3Dclass&labelValues=" + URLEncoder.encode("1:good,2:bad", StandardCharsets.UTF_8);
        JsonNode dataset = call(client, HttpRequest.newBuilder(base.resolve("/api/v1/datasets?" + query)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(data)), 201);
        JsonNode queued = call(client, HttpRequest.newBuilder(base.resolve("/api/v1/models")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", MODEL, "domain", "finance",
                        "task", "credit-risk", "dataset", dataset.get("id").asText(), "training", Map.of("seed", 7))))), 202);
        String job = queued.get("job").asText();
        // The job's event stream ends with its final state: wait on it instead of polling.
        try {
            client.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + job + "/events")).header("Authorization", "Bearer " + KEY)
                    .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Training job " + job + " did not end within 5 minutes", e);
        }
        JsonNode state = call(client, HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + job)).GET(), 200);
        if (!state.get("state").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("Training did not succeed: " + state);
        }
        call(client, HttpRequest.newBuilder(base.resolve("/api/v1/models/" + MODEL + "/versions/" + queued.get("version").asInt()
                + "/promote")).POST(HttpRequest.BodyPublishers.noBody()), 200);
        System.out.println("trained and promoted " + MODEL + " v" + queued.get("version").asInt() + " on " + dataset.get("rows").asInt()
                + " rows (" + data.getFileName() + ")");
    }

    private static JsonNode call(HttpClient client, HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Expected HTTP " + expected + ", got " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The first {@code count} rows of the headerless German Credit CSV as predict records (its class column dropped). */
    private static List<Map<String, Object>> records(Path csv, int count) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || records.size() == count) {
                continue;
            }
            String[] values = line.split(",");
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                String column = COLUMNS.get(i);
                record.put(column, NUMERIC.contains(column) ? Double.parseDouble(values[i].trim()) : values[i].trim());
            }
            records.add(record);
        }
        if (records.size() < count) {
            throw new IllegalArgumentException(csv + " has fewer than " + count + " rows");
        }
        return records;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: HttpPredictBench --plugin FINANCE_ZIP --data GERMAN_CREDIT_CSV [--seconds 30] "
                        + "[--warmup 5] [--rounds 3] [--connections 1,16,64] [--batch 32]; bad argument '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
