package org.baihua.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.batch.BatchColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A version with its own fine-tuned encoder (a tiny run: 36 news posts, the top layer, one epoch)
 * scores on Spark {@code local[2]} exactly as the host's predict route answers: the executor loads the
 * tuned encoder shipped in the packed version, not the shared one.
 */
class BatchScoreFineTunedTest {

    private static final List<String> LABELS = List.of("bearish", "bullish", "neutral");

    @TempDir
    Path tmp;

    @Test
    void fineTunedVersionScoresOnSparkAsTheRestApiAnswers() throws Exception {
        // single-line posts of the shipped sample: 12 per label to train on, the next 4 per label to score
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.german.csv")).resolveSibling("sent_train.csv"));
        Map<Integer, List<String>> byLabel = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int comma = line.lastIndexOf(',');
            if (line.startsWith("\"") || comma < 0 || !line.substring(comma + 1).matches("[012]") || line.contains("\"")) {
                continue;
            }
            byLabel.computeIfAbsent(Integer.parseInt(line.substring(comma + 1)), k -> new ArrayList<>()).add(line.substring(0, comma));
        }
        StringBuilder train = new StringBuilder("text,label\n");
        StringBuilder score = new StringBuilder("row_id,text\n");
        List<String> scored = new ArrayList<>();
        for (int label = 0; label < LABELS.size(); label++) {
            List<String> texts = byLabel.get(label);
            for (String text : texts.subList(0, 12)) {
                train.append(text).append(',').append(label).append('\n');
            }
            for (String text : texts.subList(12, 16)) {
                score.append(scored.size()).append(',').append(text).append('\n');
                scored.add(text);
            }
        }

        try (CreditHost host = new CreditHost(tmp, false)) {
            JsonNode dataset = host.call("POST", "/api/v1/datasets?domain=finance&task=news-sentiment&labelValues="
                    + URLEncoder.encode("0:bearish,1:bullish,2:neutral", StandardCharsets.UTF_8), "text/csv",
                    HttpRequest.BodyPublishers.ofString(train.toString()), 201);
            JsonNode queued = host.call("POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString(
                    "{\"name\": \"news\", \"domain\": \"finance\", \"task\": \"news-sentiment\", \"dataset\": \""
                            + dataset.get("id").asText() + "\", \"training\": {\"epochs\": 20, \"seed\": 3,"
                            + " \"encoder\": {\"mode\": \"fine-tune\", \"layers\": 1, \"epochs\": 1}}}"), 202);
            host.awaitSucceeded(queued.get("job").asText());
            host.call("POST", "/api/v1/models/news/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
            JsonNode version = host.call("GET", "/api/v1/models/news/versions/1", null, HttpRequest.BodyPublishers.noBody(), 200);
            assertThat(version.get("metrics").get("fineTuning").get("modelSha256").asText()).hasSize(64);

            Path input = tmp.resolve("posts.csv");
            Files.writeString(input, score.toString());
            Path output = tmp.resolve("scored");
            SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-spark-fine-tuned")
                    .config("spark.ui.enabled", "false").getOrCreate();
            Map<String, Row> byId = new HashMap<>();
            try {
                BatchScore job = new BatchScore();
                new CommandLine(job).parseArgs("--model", "news", "--input", input.toString(), "--output", output.toString(),
                        "--format", "parquet", "--data-dir", host.dataDir.toString(), "--plugins-dir", host.pluginsDir.toString(),
                        "--partitions", "2");
                BatchScore.Summary summary = job.run(spark);
                assertThat(summary.rows()).isEqualTo(scored.size());
                assertThat(summary.rejected()).isZero();
                for (Row row : spark.read().parquet(output.toString()).collectAsList()) {
                    byId.put(row.getAs("row_id"), row);
                }
            } finally {
                spark.stop();
            }

            ObjectNode body = host.json.createObjectNode();
            ArrayNode records = body.putArray("records");
            scored.forEach(text -> records.addObject().put("text", text));
            JsonNode answer = host.call("POST", "/api/v1/models/news/predict", "application/json",
                    HttpRequest.BodyPublishers.ofString(body.toString()), 200);
            assertThat(byId).hasSize(scored.size());
            for (int i = 0; i < scored.size(); i++) {
                JsonNode predicted = answer.get("predictions").get(i);
                Row row = byId.get(Integer.toString(i));
                assertThat((String) row.getAs(BatchColumns.PREDICTED)).as(scored.get(i)).isEqualTo(predicted.get("label").asText());
                for (String label : LABELS) {
                    assertThat((Double) row.getAs(BatchColumns.PROBABILITY_PREFIX + label)).as(scored.get(i) + " " + label)
                            .isCloseTo(predicted.get("probabilities").get(label).asDouble(), within(1e-6));
                }
            }
        }
    }
}
