package org.baihua.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.batch.BatchColumns;
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

    private static final int ROWS = 20_000;

    @TempDir
    static Path tmp;

    private static CreditHost credit;

    @BeforeAll
    static void trainACreditModel() throws Exception {
        credit = new CreditHost(tmp);
    }

    @AfterAll
    static void stop() {
        if (credit != null) {
            credit.close();
        }
    }

    @Test
    void sparkLocal2ScoresLikeTheRestApiAndKeepsBadRows() throws Exception {
        // 20,000 rows with 8 bad amounts among them, and 2 rows with no input at all
        List<Map<String, String>> records = CreditHost.records(ROWS, 2500);
        String csv = CreditHost.csv(records) + "20000" + ",".repeat(CreditHost.COLUMNS.size()) + "\n"
                + "20001" + ",".repeat(CreditHost.COLUMNS.size()) + "\n";
        Path input = tmp.resolve("applicants.csv");
        Files.writeString(input, csv);
        Path output = tmp.resolve("scored");

        SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        try {
            BatchScore job = new BatchScore();
            new CommandLine(job).parseArgs("--model", "credit", "--input", input.toString(), "--output", output.toString(),
                    "--format", "parquet", "--data-dir", credit.dataDir.toString(), "--plugins-dir", credit.pluginsDir.toString(),
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
                ObjectNode body = credit.json.createObjectNode();
                ArrayNode array = body.putArray("records");
                List<Integer> chunk = sample.subList(from, from + 100);
                chunk.forEach(k -> array.add(credit.json.valueToTree(records.get(k))));
                JsonNode answer = credit.call("POST", "/api/v1/models/credit/predict", "application/json",
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
}
