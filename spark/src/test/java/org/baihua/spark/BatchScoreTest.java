package org.baihua.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.BaihuaHost;
import org.baihua.core.batch.BatchColumns;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Spark {@code local[2]} scoring of 20,000 credit-risk rows (made from the German Credit sample)
 * answers exactly as the host's predict route does for a sample of 500 of them, and bad rows are
 * kept in the output with their reason and counted in the summary.
 */
class BatchScoreTest {

    private static final String KEY = "admin-key-for-spark-tests-0123456789";
    private static final List<String> COLUMNS = List.of("checking_status", "duration_months", "credit_history",
            "purpose", "credit_amount", "savings", "employment_since", "installment_rate", "personal_status",
            "other_debtors", "residence_since", "property", "age", "other_installment_plans", "housing",
            "existing_credits", "job", "dependents", "telephone", "foreign_worker");
    private static final int ROWS = 20_000;

    @TempDir
    static Path tmp;

    private static BaihuaHost host;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void trainACreditModel() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path zip = Path.of(System.getProperty("baihua.finance.zip"));
        Files.copy(zip, plugins.resolve(zip.getFileName()));
        host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", plugins.toString())), Map.of("BAIHUA_ADMIN_KEY", KEY));
        String query = "domain=finance&task=credit-risk&option.header=false&option.columns="
                + URLEncoder.encode(String.join(",", COLUMNS) + ",class", StandardCharsets.UTF_8) + "&mapping=label=class&labelValues=1:good,2:bad";
        JsonNode dataset = call("POST", "/api/v1/datasets?" + query, "text/csv",
                HttpRequest.BodyPublishers.ofFile(Path.of(System.getProperty("baihua.german.csv"))), 201);
        JsonNode queued = call("POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString(
                "{\"name\": \"credit\", \"domain\": \"finance\", \"task\": \"credit-risk\", \"dataset\": \"" + dataset.get("id").asText()
                        + "\", \"training\": {\"epochs\": 15, \"seed\": 7}}"), 202);
        String job = queued.get("job").asText();
        JsonNode state = call("GET", "/api/v1/jobs/" + job, null, HttpRequest.BodyPublishers.noBody(), 200);
        while (state.get("state").asText().equals("QUEUED") || state.get("state").asText().equals("RUNNING")) {
            Thread.sleep(300);
            state = call("GET", "/api/v1/jobs/" + job, null, HttpRequest.BodyPublishers.noBody(), 200);
        }
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("SUCCEEDED");
        call("POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void sparkLocal2ScoresLikeTheRestApiAndKeepsBadRows() throws Exception {
        // 20,000 rows: the sample's 1,000 with duration and amount shifted per round, and 10 bad rows among them
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("baihua.german.csv")));
        List<Map<String, String>> records = new ArrayList<>();
        StringBuilder csv = new StringBuilder("row_id," + String.join(",", COLUMNS) + "\n");
        for (int k = 0; k < ROWS; k++) {
            String[] values = lines.get(k % lines.size()).split(",");
            int round = k / lines.size();
            Map<String, String> record = new LinkedHashMap<>();
            record.put("row_id", Integer.toString(k));
            for (int c = 0; c < COLUMNS.size(); c++) {
                String value = values[c];
                if (COLUMNS.get(c).equals("duration_months")) {
                    value = Integer.toString(Integer.parseInt(value) + round % 7);
                } else if (COLUMNS.get(c).equals("credit_amount")) {
                    value = Long.toString(Math.round(Integer.parseInt(value) * (1 + round * 0.01)));
                }
                record.put(COLUMNS.get(c), value);
            }
            if (k % 2500 == 1234) {
                record.put("credit_amount", "lots");
            }
            records.add(record);
            csv.append(String.join(",", record.values())).append('\n');
        }
        csv.append("20000").append(",".repeat(COLUMNS.size())).append('\n');
        csv.append("20001").append(",".repeat(COLUMNS.size())).append('\n');
        Path input = tmp.resolve("applicants.csv");
        Files.writeString(input, csv);
        Path output = tmp.resolve("scored");

        SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            BatchScore job = new BatchScore();
            new CommandLine(job).parseArgs("--model", "credit", "--input", input.toString(), "--output", output.toString(),
                    "--format", "parquet", "--data-dir", tmp.resolve("data").toString(), "--plugins-dir", tmp.resolve("plugins").toString(),
                    "--partitions", "4");
            BatchScore.Summary summary = job.run(spark);
            assertThat(summary.version()).isEqualTo(1);
            assertThat(summary.rows()).isEqualTo(ROWS + 2);
            assertThat(summary.rejected()).isEqualTo(10);
            assertThat(summary.scored()).isEqualTo(ROWS - 8);
            assertThat(summary.labelCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS - 8);
            assertThat(summary.rejections().keySet()).anySatisfy(reason -> assertThat(reason).contains("credit_amount"));
            assertThat(Files.exists(output.resolve(BatchScore.SUMMARY))).isTrue();
            assertThat(ExecutorScorers.loadedCount()).as("one load per executor JVM (local: one JVM)").isEqualTo(1);

            Map<String, Row> byId = new HashMap<>();
            for (Row row : spark.read().parquet(output.toString()).collectAsList()) {
                byId.put(row.getAs("row_id"), row);
            }
            assertThat(byId).hasSize(ROWS + 2);
            for (int k = 1234; k < ROWS; k += 2500) {
                Row bad = byId.get(Integer.toString(k));
                assertThat((String) bad.getAs(BatchColumns.REJECTED)).contains("credit_amount");
                assertThat((String) bad.getAs(BatchColumns.PREDICTED)).isNull();
                assertThat((String) bad.getAs("credit_amount")).isEqualTo("lots");
            }
            assertThat((String) byId.get("20001").getAs(BatchColumns.REJECTED)).contains("none of the input fields");

            // 500 rows at random through POST /predict, 100 per call: same labels, same probabilities
            Random random = new Random(15);
            List<Integer> sample = new ArrayList<>();
            while (sample.size() < 500) {
                int k = random.nextInt(ROWS);
                if (k % 2500 != 1234 && !sample.contains(k)) {
                    sample.add(k);
                }
            }
            int compared = 0;
            for (int from = 0; from < sample.size(); from += 100) {
                ObjectNode body = json.createObjectNode();
                ArrayNode array = body.putArray("records");
                List<Integer> chunk = sample.subList(from, from + 100);
                chunk.forEach(k -> array.add(json.valueToTree(records.get(k))));
                JsonNode answer = call("POST", "/api/v1/models/credit/predict", "application/json",
                        HttpRequest.BodyPublishers.ofString(body.toString()), 200);
                for (int i = 0; i < chunk.size(); i++) {
                    JsonNode predicted = answer.get("predictions").get(i);
                    Row row = byId.get(Integer.toString(chunk.get(i)));
                    assertThat((String) row.getAs(BatchColumns.REJECTED)).isNull();
                    assertThat((String) row.getAs(BatchColumns.PREDICTED)).isEqualTo(predicted.get("label").asText());
                    var probabilities = predicted.get("probabilities").fields();
                    while (probabilities.hasNext()) {
                        var p = probabilities.next();
                        assertThat((Double) row.getAs(BatchColumns.PROBABILITY_PREFIX + p.getKey()))
                                .isCloseTo(p.getValue().asDouble(), within(1e-6));
                    }
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(500);
        } finally {
            spark.stop();
        }
    }

    private static JsonNode call(String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws IOException, InterruptedException {
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
