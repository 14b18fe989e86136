package org.baihua.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.BaihuaHost;
import org.baihua.core.NotFoundException;
import org.baihua.core.config.Settings;
import org.baihua.core.encoder.CacheStats;
import org.baihua.core.encoder.EncoderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Spark {@code local[2]} BatchEmbed of a news-sentiment data set (300 texts of the finance sample)
 * fills the host's embedding cache so that training on that host embeds nothing (every text a cache
 * hit), and the model it trains is the one a host without BatchEmbed trains from the same request.
 */
class BatchEmbedTest {

    private static final int ROWS = 300;
    private static final String KEY = CreditHost.KEY;
    private static final String TRAIN = "{\"name\": \"news\", \"domain\": \"finance\", \"task\": \"news-sentiment\","
            + " \"dataset\": \"%s\", \"training\": {\"epochs\": 5, \"seed\": 11}}";

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void trainingAfterBatchEmbedHitsTheCacheForEveryTextAndGivesTheSameModel() throws Exception {
        Path csv = tmp.resolve("news.csv");
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.news.csv")));
        Files.write(csv, lines.subList(0, ROWS + 1));

        JsonNode embeddedModel;
        List<JsonNode> embeddedPredictions;
        try (BaihuaHost host = startHost(tmp.resolve("a"))) {
            JsonNode ingested = ingest(host, csv);
            String dataset = ingested.get("id").asText();
            long rows = ingested.get("rows").asLong();
            SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-embed-test")
                    .config("spark.ui.enabled", "false").getOrCreate();
            BatchEmbed.Summary summary;
            try {
                BatchEmbed job = new BatchEmbed();
                new CommandLine(job).parseArgs("--dataset", dataset, "--seed", "11", "--partitions", "3",
                        "--data-dir", tmp.resolve("a/data").toString(), "--plugins-dir", tmp.resolve("a/plugins").toString());
                summary = job.run(spark);

                BatchEmbed unknown = new BatchEmbed();
                new CommandLine(unknown).parseArgs("--dataset", "no-such-set", "--data-dir", tmp.resolve("a/data").toString(),
                        "--plugins-dir", tmp.resolve("a/plugins").toString());
                assertThatThrownBy(() -> unknown.run(spark)).isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-set");
            } finally {
                spark.stop();
            }
            assertThat(rows).isGreaterThan(ROWS * 9 / 10);
            assertThat(summary.rows()).isEqualTo(rows);
            assertThat(summary.texts()).isPositive().isLessThanOrEqualTo(rows);
            assertThat(summary.encoder()).isEqualTo("bge-small-en-v15");

            EncoderCatalog encoders = host.injector().getInstance(EncoderCatalog.class);
            CacheStats before = encoders.cacheStats();
            JsonNode version = train(host, dataset);
            CacheStats after = encoders.cacheStats();
            long embedded = version.get("metrics").get("texts").get("embedded").asLong();
            assertThat(embedded).isEqualTo(rows);
            assertThat(after.misses() - before.misses()).as("texts the training run had to embed itself").isZero();
            assertThat(after.hits() - before.hits()).as("texts the training run found in the cache").isEqualTo(embedded);
            embeddedModel = version.get("metrics");
            embeddedPredictions = predict(host, lines);
        }

        try (BaihuaHost host = startHost(tmp.resolve("b"))) {
            String dataset = ingest(host, csv).get("id").asText();
            EncoderCatalog encoders = host.injector().getInstance(EncoderCatalog.class);
            CacheStats before = encoders.cacheStats();
            JsonNode version = train(host, dataset);
            assertThat(encoders.cacheStats().misses() - before.misses()).as("without BatchEmbed the run embeds").isPositive();
            assertThat(version.get("metrics").get("test")).isEqualTo(embeddedModel.get("test"));
            assertThat(losses(version.get("metrics"))).isNotEmpty().isEqualTo(losses(embeddedModel));
            List<JsonNode> predictions = predict(host, lines);
            for (int i = 0; i < predictions.size(); i++) {
                assertThat(predictions.get(i).get("label")).isEqualTo(embeddedPredictions.get(i).get("label"));
                Iterator<Map.Entry<String, JsonNode>> p = predictions.get(i).get("probabilities").fields();
                while (p.hasNext()) {
                    Map.Entry<String, JsonNode> e = p.next();
                    assertThat(e.getValue().asDouble())
                            .isCloseTo(embeddedPredictions.get(i).get("probabilities").get(e.getKey()).asDouble(), within(1e-6));
                }
            }
        }
    }

    private static List<Double> losses(JsonNode metrics) {
        List<Double> losses = new ArrayList<>();
        metrics.get("history").forEach(epoch -> losses.add(epoch.get("trainLoss").asDouble()));
        return losses;
    }

    private static BaihuaHost startHost(Path root) throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path zip = Path.of(System.getProperty("baihua.finance.zip"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        return BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", root.resolve("data").toString(),
                "plugins.dir", plugins.toString())), Map.of("BAIHUA_ADMIN_KEY", KEY));
    }

    private JsonNode ingest(BaihuaHost host, Path csv) throws Exception {
        return call(host, "POST", "/api/v1/datasets?domain=finance&task=news-sentiment&labelValues=0:bearish,1:bullish,2:neutral",
                "text/csv", HttpRequest.BodyPublishers.ofFile(csv), 201);
    }

    /** Trains version 1 of 'news'; the version as the host describes it. */
    private JsonNode train(BaihuaHost host, String dataset) throws Exception {
        String job = call(host, "POST", "/api/v1/models", "application/json",
                HttpRequest.BodyPublishers.ofString(TRAIN.formatted(dataset)), 202).get("job").asText();
        CreditHost.awaitSucceeded(host, job);
        return call(host, "GET", "/api/v1/models/news/versions/1", null, HttpRequest.BodyPublishers.noBody(), 200);
    }

    /** Promotes version 1 (its warm-up embeds texts of its own) and predicts 40 texts the model was not trained on. */
    private List<JsonNode> predict(BaihuaHost host, List<String> lines) throws Exception {
        call(host, "POST", "/api/v1/models/news/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
        StringBuilder body = new StringBuilder("{\"records\": [");
        for (int k = 0; k < 40; k++) {
            String line = lines.get(ROWS + 1 + k);
            String text = line.substring(0, line.lastIndexOf(','));
            if (text.startsWith("\"") && text.endsWith("\"")) {
                text = text.substring(1, text.length() - 1).replace("\"\"", "\"");
            }
            body.append(k == 0 ? "" : ",").append("{\"text\": ").append(json.writeValueAsString(text)).append('}');
        }
        JsonNode answer = call(host, "POST", "/api/v1/models/news/predict", "application/json",
                HttpRequest.BodyPublishers.ofString(body.append("]}").toString()), 200);
        List<JsonNode> predictions = new ArrayList<>();
        answer.get("predictions").forEach(predictions::add);
        assertThat(predictions).hasSize(40);
        return predictions;
    }

    private JsonNode call(BaihuaHost host, String method, String path, String contentType, HttpRequest.BodyPublisher body,
                          int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body)
                .header("Authorization", "Bearer " + KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }
}
