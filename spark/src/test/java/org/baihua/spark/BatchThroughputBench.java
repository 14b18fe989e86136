package org.baihua.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Throughput of the same records scored three ways in one run: REST predict in batches of 32, the
 * host's batch job, and Spark {@code local[2]}. Not a test (it asserts nothing); run it with
 * {@code ./mvnw -pl spark test -Dtest=BatchThroughputBench -Dbaihua.bench=true [-Dbaihua.bench.rows=N]}.
 */
@EnabledIfSystemProperty(named = "baihua.bench", matches = "true")
class BatchThroughputBench {

    @TempDir
    Path tmp;

    @Test
    void restBatchesOf32VersusHostBatchJobVersusSparkLocal2() throws Exception {
        int rows = Integer.getInteger("baihua.bench.rows", 20_000);
        try (CreditHost credit = new CreditHost(tmp)) {
            List<Map<String, String>> records = CreditHost.records(rows, 0);
            Path input = tmp.resolve("applicants.csv");
            Files.writeString(input, CreditHost.csv(records));

            // REST, 32 records per call, one client (the version is loaded by the first call, before the clock starts)
            predict(credit, records.subList(0, 32));
            long t0 = System.nanoTime();
            for (int from = 0; from < rows; from += 32) {
                predict(credit, records.subList(from, Math.min(rows, from + 32)));
            }
            double rest = seconds(t0);

            // the host's batch job: upload, score, result written (submit to SUCCEEDED)
            long t1 = System.nanoTime();
            JsonNode job = credit.call("POST", "/api/v1/models/credit/batch-jobs", "text/csv", HttpRequest.BodyPublishers.ofFile(input), 202);
            String id = job.get("id").asText();
            while (!job.get("state").asText().equals("SUCCEEDED")) {
                if (job.get("state").asText().equals("FAILED")) {
                    throw new AssertionError(job.toString());
                }
                Thread.sleep(50);
                job = credit.call("GET", "/api/v1/models/credit/batch-jobs/" + id, null, HttpRequest.BodyPublishers.noBody(), 200);
            }
            double batchJob = seconds(t1);

            SparkSession spark = SparkSession.builder().master("local[2]").appName("baihua-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            double sparkCold;
            double sparkWarm;
            try {
                sparkCold = spark(spark, credit, input, tmp.resolve("scored-1"));
                sparkWarm = spark(spark, credit, input, tmp.resolve("scored-2"));
            } finally {
                spark.stop();
            }
            String report = String.format(Locale.ROOT, """
                    rows %d
                    REST predict, batches of 32, 1 client : %8.0f records/s (%.1f s)
                    host batch job (upload -> SUCCEEDED)  : %8.0f records/s (%.1f s)
                    Spark local[2], first run (loads)     : %8.0f records/s (%.1f s)
                    Spark local[2], second run            : %8.0f records/s (%.1f s)
                    """, rows, rows / rest, rest, rows / batchJob, batchJob, rows / sparkCold, sparkCold, rows / sparkWarm, sparkWarm);
            System.out.println(report);
            Files.writeString(Path.of("target", "batch-throughput.txt"), report);
        }
    }

    private static double spark(SparkSession spark, CreditHost credit, Path input, Path output) {
        BatchScore job = new BatchScore();
        new CommandLine(job).parseArgs("--model", "credit", "--input", input.toString(), "--output", output.toString(),
                "--format", "parquet", "--data-dir", credit.dataDir.toString(), "--plugins-dir", credit.pluginsDir.toString(),
                "--partitions", "2");
        long t = System.nanoTime();
        job.run(spark);
        return seconds(t);
    }

    private static void predict(CreditHost credit, List<Map<String, String>> records) throws Exception {
        ObjectNode body = credit.json.createObjectNode();
        ArrayNode array = body.putArray("records");
        records.forEach(r -> array.add(credit.json.valueToTree(r)));
        credit.call("POST", "/api/v1/models/credit/predict", "application/json", HttpRequest.BodyPublishers.ofString(body.toString()), 200);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
