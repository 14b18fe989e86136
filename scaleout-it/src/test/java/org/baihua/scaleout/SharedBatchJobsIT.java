package org.baihua.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.baihua.core.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch jobs across two hosts (in this JVM) sharing the CI's PostgreSQL and one bucket on an S3 API
 * server: a job accepted and run by host 1 is followed, listed, read, cancelled and deleted through
 * host 2, whose answers come from the bucket.
 */
class SharedBatchJobsIT {

    private static final String KEY = "bh_shared_batch_test_admin_key_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "checking_status,duration_months,credit_history,purpose,credit_amount,savings,"
            + "employment_since,installment_rate,personal_status,other_debtors,residence_since,property,age,"
            + "other_installment_plans,housing,existing_credits,job,dependents,telephone,foreign_worker,class";

    private final String pgUrl = System.getenv("BAIHUA_TEST_PG_URL");
    private final String schema = "bj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    private S3Server s3;
    private BaihuaHost one;
    private BaihuaHost two;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(pgUrl != null && !pgUrl.isBlank(), "BAIHUA_TEST_PG_URL is not set: multi-host test skipped (.ci/postgres.sh)");
        sql("CREATE SCHEMA " + schema);
        s3 = new S3Server(Files.createDirectories(temp.resolve("s3")));
        StorageConfig bucket = s3.newBucket("batch-it", "");
        one = host(1, bucket);
        two = host(2, bucket);
    }

    @AfterEach
    void stop() throws Exception {
        for (BaihuaHost host : new BaihuaHost[] {one, two}) {
            if (host != null) {
                host.close();
            }
        }
        if (s3 != null) {
            s3.close();
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, System.getenv("BAIHUA_TEST_PG_USER"), System.getenv("BAIHUA_TEST_PG_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private BaihuaHost host(int n, StorageConfig bucket) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("host" + n));
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("data.dir", dir.resolve("data").toString());
        settings.put("plugins.dir", Files.createDirectories(dir.resolve("plugins")).toString());
        settings.put("registry.jdbc.url", pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        settings.put("registry.user", System.getenv("BAIHUA_TEST_PG_USER"));
        settings.put("registry.password", System.getenv("BAIHUA_TEST_PG_PASSWORD"));
        settings.put("storage.type", "s3");
        settings.put("storage.s3.endpoint", bucket.endpoint().toString());
        settings.put("storage.s3.region", "us-east-1");
        settings.put("storage.s3.bucket", bucket.bucket());
        settings.put("storage.s3.path-style", "true");
        // in one JVM the AWS chain's environment cannot differ per host; the test key pair goes in the settings
        settings.put("storage.s3.access-key", S3Server.ACCESS_KEY);
        settings.put("storage.s3.secret-key", S3Server.SECRET_KEY);
        settings.put("jobs.host-id", "host-" + n);
        settings.put("jobs.threads", "1");
        settings.put("encoder.threads", "1");
        return BaihuaHost.start(new Settings(settings), Map.of("BAIHUA_ADMIN_KEY", KEY));
    }

    @Test
    void aJobRunOnOneHostIsFollowedReadCancelledAndDeletedThroughAnother() throws Exception {
        Path financeZip;
        try (Stream<Path> zips = Files.list(Path.of(System.getProperty("baihua.dist.dir")).resolve("plugins"))) {
            financeZip = zips.filter(p -> p.getFileName().toString().startsWith("baihua-plugin-finance")).findFirst().orElseThrow();
        }
        call(one, "POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(financeZip), 201);
        until(() -> call(two, "GET", "/api/v1/plugins", null, HttpRequest.BodyPublishers.noBody(), 200).toString().contains("STARTED"));
        String options = "option.header=false&option.columns=" + URLEncoder.encode(COLUMNS, StandardCharsets.UTF_8);
        Path german = Path.of(System.getProperty("baihua.german.csv"));
        JsonNode dataset = call(one, "POST", "/api/v1/datasets?domain=finance&task=credit-risk&" + options
                + "&mapping=label=class&labelValues=1:good,2:bad", "text/csv", HttpRequest.BodyPublishers.ofFile(german), 201);
        String job = call(one, "POST", "/api/v1/models", "application/json", json(Map.of("name", "credit", "domain", "finance",
                "task", "credit-risk", "dataset", dataset.get("id").asText(), "training", Map.of("epochs", 15, "seed", 7))), 202)
                .get("job").asText();
        until(() -> call(one, "GET", "/api/v1/jobs/" + job, null, HttpRequest.BodyPublishers.noBody(), 200)
                .get("state").asText().equals("SUCCEEDED"));
        call(one, "POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);

        // Scored on host 1; host 2 follows its events to the end, shows it and streams the same result from the bucket.
        JsonNode submitted = call(one, "POST", "/api/v1/models/credit/batch-jobs?" + options, "text/csv",
                HttpRequest.BodyPublishers.ofFile(german), 202);
        String id = submitted.get("id").asText();
        assertThat(submitted.get("host").asText()).isEqualTo("host-1");
        JsonNode ended = lastEvent(two, id);
        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("SUCCEEDED");
        assertThat(ended.get("summary").get("rows").asLong()).isEqualTo(1000);
        JsonNode shown = call(two, "GET", "/api/v1/models/credit/batch-jobs/" + id, null, HttpRequest.BodyPublishers.noBody(), 200);
        assertThat(shown.get("host").asText()).isEqualTo("host-1");
        assertThat(shown.get("resultSha256").asText()).hasSize(64);
        String fromOne = text(one, "/api/v1/models/credit/batch-jobs/" + id + "/result");
        String fromTwo = text(two, "/api/v1/models/credit/batch-jobs/" + id + "/result");
        assertThat(fromTwo).isEqualTo(fromOne);
        assertThat(fromTwo.lines()).hasSize(1001).first().asString().startsWith("line,");
        assertThat(call(two, "GET", "/api/v1/models/credit/batch-jobs", null, HttpRequest.BodyPublishers.noBody(), 200)
                .findValuesAsText("id")).contains(id);

        // A long job (explained rows) on host 1 is cancelled through host 2: host 1 finds the request and stops.
        Path many = temp.resolve("many.csv");
        String rows = Files.readString(german);
        for (int i = 0; i < 100; i++) {
            Files.writeString(many, rows, i == 0 ? new java.nio.file.OpenOption[0] : new java.nio.file.OpenOption[] {
                    java.nio.file.StandardOpenOption.APPEND});
        }
        String longId = call(one, "POST", "/api/v1/models/credit/batch-jobs?explain=true&" + options, "text/csv",
                HttpRequest.BodyPublishers.ofFile(many), 202).get("id").asText();
        until(() -> call(two, "GET", "/api/v1/models/credit/batch-jobs/" + longId, null, HttpRequest.BodyPublishers.noBody(), 200)
                .path("progress").path("rows").asLong() > 0);
        long asked = System.nanoTime();
        call(two, "POST", "/api/v1/models/credit/batch-jobs/" + longId + "/cancel", null, HttpRequest.BodyPublishers.noBody(), 200);
        JsonNode cancelled = lastEvent(two, longId);
        System.out.printf("cancel on host 2 -> CANCELLED seen on host 2: %.0f ms, after %d of 100000 rows%n",
                (System.nanoTime() - asked) / 1e6, cancelled.get("progress").get("rows").asLong());
        assertThat(cancelled.get("state").asText()).as(cancelled.toString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("progress").get("rows").asLong()).as("stopped before the end").isLessThan(100_000);
        assertThat(call(one, "GET", "/api/v1/models/credit/batch-jobs/" + longId + "/result", null,
                HttpRequest.BodyPublishers.noBody(), 409).get("detail").asText()).contains("CANCELLED");

        // Deleted through host 2: gone for host 1 too, and from the bucket.
        call(two, "DELETE", "/api/v1/models/credit/batch-jobs/" + id, null, HttpRequest.BodyPublishers.noBody(), 204);
        call(one, "GET", "/api/v1/models/credit/batch-jobs/" + id, null, HttpRequest.BodyPublishers.noBody(), 404);
        call(one, "GET", "/api/v1/models/credit/batch-jobs/" + id + "/result", null, HttpRequest.BodyPublishers.noBody(), 404);
        try (Stream<Path> files = Files.walk(s3.bucketFolder("batch-it"))) {
            assertThat(files.map(Path::toString).filter(p -> p.contains(id))).isEmpty();
        }
    }

    /** Follows a job's event stream on {@code host} to its end and returns the last event. */
    private JsonNode lastEvent(BaihuaHost host, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/models/credit/batch-jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + KEY).header("Accept", "text/event-stream").GET().build();
        List<String> data = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().filter(line -> line.startsWith("data:")).toList())
                .get(5, TimeUnit.MINUTES);
        assertThat(data).isNotEmpty();
        return JSON.readTree(data.get(data.size() - 1).substring(5));
    }

    private JsonNode call(BaihuaHost host, String method, String path, String contentType, HttpRequest.BodyPublisher body,
                          int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body)
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofMinutes(2));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private String text(BaihuaHost host, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(host.uri() + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpRequest.BodyPublisher json(Object value) throws Exception {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    /** Re-checks {@code condition} every 100 ms, failing after two minutes. */
    private static void until(Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within two minutes");
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
