package org.baihua.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Embedding throughput of the same data set two ways in one run: the host's own training run with a
 * cold cache (its embedding stage, from the version's timings) against {@code BatchEmbed} on Spark
 * {@code local[2]} (wall time of the job, planning and the cache import included), followed by the
 * training run that then finds every text in the cache. Not a test (it asserts nothing); run it with
 * {@code ./mvnw -pl spark test -Dtest=BatchEmbedBench -Dbaihua.bench=true [-Dbaihua.bench.rows=N]}.
 */
@EnabledIfSystemProperty(named = "baihua.bench", matches = "true")
class BatchEmbedBench {

    private static final String TRAIN = "{\"name\": \"news\", \"domain\": \"finance\", \"task\": \"news-sentiment\","
            + " \"dataset\": \"%s\", \"training\": {\"epochs\": 5, \"seed\": 11, \"encoder\": {\"mode\": \"frozen\"}}}";

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hostEmbeddingVersusBatchEmbedLocal2() throws Exception {
        int rows = Integer.getInteger("baihua.bench.rows", 4_000);
        Path csv = tmp.resolve("news.csv");
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.news.csv")));
        Files.write(csv, lines.subList(0, Math.min(lines.size(), rows + 1)));

        double hostEmbedding;
        double hostTotal;
        long embedded;
        try (BaihuaHost host = startHost(tmp.resolve("a"))) {
            String dataset = ingest(host, csv);
            long t0 = System.nanoTime();
            JsonNode version = train(host, dataset);
            hostTotal = seconds(t0);
            hostEmbedding = version.get("timings").get("embedding").asLong() / 1000.0;
            embedded = version.get("metrics").get("texts").get("embedded").asLong();
        }

        BatchEmbed.Summary summary;
        double afterEmbedTotal;
        double afterEmbedEmbedding;
        try (BaihuaHost host = startHost(tmp.resolve("b"))) {
            String dataset = ingest(host, csv);
            SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-embed-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                BatchEmbed job = new BatchEmbed();
                new CommandLine(job).parseArgs("--dataset", dataset, "--seed", "11", "--data-dir", tmp.resolve("b/data").toString(),
                        "--plugins-dir", tmp.resolve("b/plugins").toString());
                summary = job.run(spark);
            } finally {
                spark.stop();
            }
            long t0 = System.nanoTime();
            JsonNode version = train(host, dataset);
            afterEmbedTotal = seconds(t0);
            afterEmbedEmbedding = version.get("timings").get("embedding").asLong() / 1000.0;
        }
        String report = String.format(Locale.ROOT, """
                rows %d, texts embedded by training %d, distinct texts embedded by BatchEmbed %d, encoder %s
                host training run, cold cache: embedding stage %.1f s (%.0f texts/s), request -> READY %.1f s
                BatchEmbed local[2] (planning, executors, import)  : %.1f s (%.0f texts/s), ratio to the host's embedding stage %.2f
                host training run after BatchEmbed: embedding stage %.1f s, request -> READY %.1f s
                """, rows, embedded, summary.texts(), summary.encoder(), hostEmbedding, embedded / hostEmbedding, hostTotal,
                summary.seconds(), summary.texts() / summary.seconds(), hostEmbedding / summary.seconds(), afterEmbedEmbedding,
                afterEmbedTotal);
        System.out.println(report);
        Files.writeString(Path.of("target", "batch-embed.txt"), report);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static BaihuaHost startHost(Path root) throws Exception {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path zip = Path.of(System.getProperty("baihua.finance.zip"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        return BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", root.resolve("data").toString(),
                "plugins.dir", plugins.toString())), Map.of("BAIHUA_ADMIN_KEY", CreditHost.KEY));
    }

    private String ingest(BaihuaHost host, Path csv) throws Exception {
        return call(host, "POST", "/api/v1/datasets?domain=finance&task=news-sentiment&labelValues=0:bearish,1:bullish,2:neutral",
                "text/csv", HttpRequest.BodyPublishers.ofFile(csv)).get("id").asText();
    }

    private JsonNode train(BaihuaHost host, String dataset) throws Exception {
        String job = call(host, "POST", "/api/v1/models", "application/json",
                HttpRequest.BodyPublishers.ofString(TRAIN.formatted(dataset))).get("job").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        JsonNode state = call(host, "GET", "/api/v1/jobs/" + job, null, HttpRequest.BodyPublishers.noBody());
        while (state.get("state").asText().equals("QUEUED") || state.get("state").asText().equals("RUNNING")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("training did not end in 30 minutes: " + state);
            }
            Thread.sleep(200);
            state = call(host, "GET", "/api/v1/jobs/" + job, null, HttpRequest.BodyPublishers.noBody());
        }
        if (!state.get("state").asText().equals("SUCCEEDED")) {
            throw new AssertionError(state.toString());
        }
        return call(host, "GET", "/api/v1/models/news/versions/1", null, HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode call(BaihuaHost host, String method, String path, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body)
                .header("Authorization", "Bearer " + CreditHost.KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
