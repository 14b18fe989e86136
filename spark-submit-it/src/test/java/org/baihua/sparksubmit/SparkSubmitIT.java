package org.baihua.sparksubmit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/baihua score --spark-master local[2]} of the assembled distribution through Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit}: Spark's jars on the system class path, the
 * distribution's jars that Spark lacks (pf4j, the SDK, Guice, DJL...) through {@code --jars} in a child
 * loader, and the finance plugin loaded by pf4j from there. A pf4j on Spark's side with the SDK on
 * Baihua's fails with NoClassDefFoundError, which only this layout shows. Every row scored on Spark
 * equals the host's own batch job result for the same file; {@code bin/baihua embed} the same way fills
 * the host's embedding cache with every text a training run then finds there.
 */
class SparkSubmitIT {

    private static final String KEY = "bh_spark_submit_test_admin_key_0123456789";
    private static final String COLUMNS = "checking_status,duration_months,credit_history,purpose,credit_amount,savings,"
            + "employment_since,installment_rate,personal_status,other_debtors,residence_since,property,age,"
            + "other_installment_plans,housing,existing_credits,job,dependents,telephone,foreign_worker,class";
    /** Jars that must come from the distribution through --jars, never from the Spark home. */
    private static final List<String> NOT_SPARK = List.of("pf4j", "guice", "djl", "api-", "onnxruntime", "javalin", "baihua",
            "picocli", "tokenizers");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path dist = Path.of(System.getProperty("baihua.dist.dir"));

    @TempDir
    Path temp;
    private Process host;

    @AfterEach
    void stop() throws InterruptedException {
        if (host != null) {
            host.destroy();
            if (!host.waitFor(60, TimeUnit.SECONDS)) {
                host.destroyForcibly();
            }
        }
    }

    @Test
    void scoreAndEmbedThroughSparkSubmit() throws Exception {
        Path sparkSubmit = sparkHome();
        Path data = temp.resolve("data");
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        try (Stream<Path> zips = Files.list(dist.resolve("plugins"))) {
            Path finance = zips.filter(p -> p.getFileName().toString().startsWith("baihua-plugin-finance")).findFirst().orElseThrow();
            Files.copy(finance, plugins.resolve(finance.getFileName()));
        }
        URI base = startHost(data, plugins);
        scoreEqualsTheHostsBatchJob(base, sparkSubmit, data, plugins);
        embedFillsTheHostsCache(base, sparkSubmit, data, plugins);
    }

    private void scoreEqualsTheHostsBatchJob(URI base, Path sparkSubmit, Path data, Path plugins) throws Exception {

        String query = "domain=finance&task=credit-risk&option.header=false&option.columns="
                + URLEncoder.encode(COLUMNS, StandardCharsets.UTF_8) + "&mapping=label=class&labelValues=1:good,2:bad";
        Path german = Path.of(System.getProperty("baihua.german.csv"));
        JsonNode dataset = call(base, "POST", "/api/v1/datasets?" + query, "text/csv", HttpRequest.BodyPublishers.ofFile(german), 201);
        assertThat(dataset.get("rows").asInt()).isEqualTo(1000);
        JsonNode queued = call(base, "POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString(
                json.writeValueAsString(Map.of("name", "credit", "domain", "finance", "task", "credit-risk",
                        "dataset", dataset.get("id").asText(), "training", Map.of("epochs", 15, "seed", 7)))), 202);
        awaitJob(base, "/api/v1/jobs/" + queued.get("job").asText());
        call(base, "POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);

        // The file to score: german.csv with a header and a row id, which both ways pass through.
        List<String> lines = new ArrayList<>(List.of("row_id," + COLUMNS));
        List<String> rows = Files.readAllLines(german).stream().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(i + "," + rows.get(i));
        }
        Path input = Files.write(temp.resolve("german-with-header.csv"), lines);

        // The host's own batch job.
        JsonNode batch = call(base, "POST", "/api/v1/models/credit/batch-jobs?format=csv&output=csv", "text/csv",
                HttpRequest.BodyPublishers.ofFile(input), 202);
        String batchPath = "/api/v1/models/credit/batch-jobs/" + batch.get("id").asText();
        awaitJob(base, batchPath);
        Map<String, CSVRecord> onHost = byRowId(new java.io.StringReader(send(base, "GET", batchPath + "/result", null,
                HttpRequest.BodyPublishers.noBody(), 200)));
        assertThat(onHost).hasSize(1000);

        // The same file through bin/baihua score on Spark.
        Path out = temp.resolve("scored");
        Path log = temp.resolve("score.log");
        long started = System.nanoTime();
        Process score = launcher(log, "score", "--spark-master", "local[2]", "--spark-submit", sparkSubmit.toString(),
                "--model", "credit", "--input", input.toString(), "--output", out.toString(), "--format", "csv",
                "--data-dir", data.toString(), "--plugins-dir", plugins.toString());
        assertThat(score.waitFor(15, TimeUnit.MINUTES)).as("score finished").isTrue();
        String output = Files.readString(log);
        System.out.printf("bin/baihua score through SparkSubmit: %.0f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(score.exitValue()).as(output).isZero();
        assertThat(output).as("Spark's own SparkSubmit ran it").contains("org.apache.spark");

        JsonNode summary = json.readTree(out.resolve("_baihua_summary.json").toFile());
        assertThat(summary.get("rows").asLong()).as(summary.toString()).isEqualTo(1000);
        assertThat(summary.get("scored").asLong()).as(summary.toString()).isEqualTo(1000);
        Map<String, CSVRecord> onSpark = new HashMap<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().matches("part-.*\\.csv")).toList()) {
                try (Reader reader = Files.newBufferedReader(part)) {
                    onSpark.putAll(byRowId(reader));
                }
            }
        }
        assertThat(onSpark.keySet()).isEqualTo(onHost.keySet());
        List<String> probabilities = onHost.values().iterator().next().toMap().keySet().stream()
                .filter(c -> c.startsWith("p_")).toList();
        assertThat(probabilities).containsExactlyInAnyOrder("p_good", "p_bad");
        for (Map.Entry<String, CSVRecord> row : onHost.entrySet()) {
            CSVRecord spark = onSpark.get(row.getKey());
            assertThat(spark.get("predicted_label")).as("row " + row.getKey()).isNotEmpty().isEqualTo(row.getValue().get("predicted_label"));
            for (String p : probabilities) {
                assertThat(Double.parseDouble(spark.get(p))).as("row " + row.getKey() + " " + p)
                        .isEqualTo(Double.parseDouble(row.getValue().get(p)));
            }
        }
    }

    /**
     * {@code bin/baihua embed} of a news-sentiment data set (300 texts) stores one vector per distinct text in the
     * host's embedding cache; the host then trains the data set without storing any vector of its own: it embedded
     * nothing (it stores every vector it computes), finding all of them in the cache.
     */
    private void embedFillsTheHostsCache(URI base, Path sparkSubmit, Path data, Path plugins) throws Exception {
        List<String> news = Files.readAllLines(Path.of(System.getProperty("baihua.news.csv")));
        Path csv = Files.write(temp.resolve("news.csv"), news.subList(0, 301));
        JsonNode dataset = call(base, "POST", "/api/v1/datasets?domain=finance&task=news-sentiment&labelValues=0:bearish,1:bullish,2:neutral",
                "text/csv", HttpRequest.BodyPublishers.ofFile(csv), 201);
        long rows = dataset.get("rows").asLong();
        assertThat(rows).isGreaterThan(270);
        Path cache = data.resolve("cache/embeddings.db");
        long before = cachedVectors(cache);

        Path log = temp.resolve("embed.log");
        long started = System.nanoTime();
        Process embed = launcher(log, "embed", "--dataset", dataset.get("id").asText(), "--seed", "11", "--partitions", "2",
                "--spark-master", "local[2]", "--spark-submit", sparkSubmit.toString(),
                "--data-dir", data.toString(), "--plugins-dir", plugins.toString());
        assertThat(embed.waitFor(15, TimeUnit.MINUTES)).as("embed finished").isTrue();
        String output = Files.readString(log);
        System.out.printf("bin/baihua embed through SparkSubmit: %.0f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(embed.exitValue()).as(output).isZero();
        JsonNode summary = json.readTree(output.lines().filter(l -> l.startsWith("{\"dataset\"")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no summary printed:\n" + output)));
        assertThat(summary.get("rows").asLong()).as(summary.toString()).isEqualTo(rows);
        assertThat(summary.get("texts").asLong()).as(summary.toString()).isPositive().isLessThanOrEqualTo(rows);
        long embedded = cachedVectors(cache);
        assertThat(embedded - before).as("vectors embed stored in the host's cache").isEqualTo(summary.get("texts").asLong());

        JsonNode queued = call(base, "POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString(
                json.writeValueAsString(Map.of("name", "news", "domain", "finance", "task", "news-sentiment",
                        "dataset", dataset.get("id").asText(), "training", Map.of("epochs", 5, "seed", 11)))), 202);
        awaitJob(base, "/api/v1/jobs/" + queued.get("job").asText());
        JsonNode version = call(base, "GET", "/api/v1/models/news/versions/1", null, HttpRequest.BodyPublishers.noBody(), 200);
        assertThat(version.get("metrics").get("texts").get("embedded").asLong()).as(version.toString()).isEqualTo(rows);
        assertThat(cachedVectors(cache)).as("vectors the training run computed (and stored) itself").isEqualTo(embedded);
    }

    /** The vectors in an embedding cache file (0 without the file), read as another process reads SQLite in WAL mode. */
    private static long cachedVectors(Path cache) throws SQLException {
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cache); Statement s = c.createStatement();
             ResultSet count = s.executeQuery("SELECT COUNT(*) FROM embedding")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The Spark home: jars/ as Maven copied it (Spark's closure only, checked here), bin/spark-submit from the test's resources. */
    private Path sparkHome() throws IOException {
        Path home = Path.of(System.getProperty("spark.home"));
        List<String> jars;
        try (Stream<Path> files = Files.list(home.resolve("jars"))) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(jars).as("Spark's jars").anyMatch(j -> j.startsWith("spark-core_2.13")).anyMatch(j -> j.startsWith("spark-sql_2.13"));
        for (String prefix : NOT_SPARK) {
            assertThat(jars).as("the Spark home holds only Spark's jars").noneMatch(j -> j.startsWith(prefix));
        }
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        try (InputStream script = getClass().getResourceAsStream("/spark-home/bin/spark-submit")) {
            Files.copy(script, submit, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return submit;
    }

    private URI startHost(Path data, Path plugins) throws Exception {
        Path log = temp.resolve("host.log");
        host = launcher(log, "serve", "--port", "0", "--data-dir", data.toString(), "--plugins-dir", plugins.toString());
        java.util.regex.Pattern serving = java.util.regex.Pattern.compile("Baihua is serving on (http://\\S+)");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && host.isAlive()) {
            java.util.regex.Matcher m = serving.matcher(Files.readString(log));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the host did not start:\n" + Files.readString(log));
    }

    /** Runs the distribution's launcher with its output in {@code log}. */
    private Process launcher(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/baihua").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("BAIHUA_ADMIN_KEY", KEY);
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        // spark.* system properties reach SparkConf: no web UI (no port to find) and a driver heap CI can afford.
        builder.environment().put("SPARK_SUBMIT_OPTS", "-Dspark.ui.enabled=false -Xmx1g");
        builder.environment().remove("SPARK_HOME");
        return builder.start();
    }

    private Map<String, CSVRecord> byRowId(Reader csv) throws IOException {
        Map<String, CSVRecord> rows = new HashMap<>();
        for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(csv)) {
            assertThat(rows.put(record.get("row_id"), record)).as("row " + record.get("row_id") + " once").isNull();
        }
        return rows;
    }

    /** Waits until the job at {@code path} has ended, failing unless it SUCCEEDED; gives up after ten minutes. */
    private void awaitJob(URI base, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            JsonNode job = call(base, "GET", path, null, HttpRequest.BodyPublishers.noBody(), 200);
            String state = job.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                assertThat(state).as(job.toString()).isEqualTo("SUCCEEDED");
                return;
            }
            assertThat(System.nanoTime()).as("job " + path + " still " + state + " after ten minutes").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private JsonNode call(URI base, String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws Exception {
        String answer = send(base, method, path, contentType, body, expected);
        return answer.isEmpty() ? null : json.readTree(answer);
    }

    private String send(URI base, String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body)
                .header("Authorization", "Bearer " + KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body();
    }
}
