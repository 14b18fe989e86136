package org.baihua.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import java.util.UUID;
import org.baihua.core.storage.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts as separate JVMs (the real launcher) on loopback ports, sharing the CI's PostgreSQL
 * ({@code BAIHUA_TEST_PG_URL}, a schema of its own) and one bucket on an S3 API server: a plugin
 * installed on host 1 reaches a running host (notified) and a host started later (catch-up), a
 * data set ingested on host 1 trains on whichever host takes the job from the shared queue, a
 * version promoted on host 2 is loaded and warmed on host 3 before a request reaches it, a job whose host is killed
 * is re-run once on another host, and a plugin removed on one host leaves the others.
 */
class ThreeHostsIT {

    private static final String KEY = "bh_scaleout_test_admin_key_0123456789";
    private static final String COLUMNS = "checking_status,duration_months,credit_history,purpose,credit_amount,savings,"
            + "employment_since,installment_rate,personal_status,other_debtors,residence_since,property,age,"
            + "other_installment_plans,housing,existing_credits,job,dependents,telephone,foreign_worker,class";

    private final String pgUrl = System.getenv("BAIHUA_TEST_PG_URL");
    private final String pgUser = System.getenv("BAIHUA_TEST_PG_USER");
    private final String pgPassword = System.getenv("BAIHUA_TEST_PG_PASSWORD");
    private final String schema = "mh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @TempDir
    Path temp;
    private S3Server s3;
    private final List<HostProcess> hosts = new java.util.ArrayList<>();

    @BeforeEach
    void services() throws Exception {
        assumeTrue(pgUrl != null && !pgUrl.isBlank(), "BAIHUA_TEST_PG_URL is not set: multi-host test skipped (.ci/postgres.sh)");
        sql("CREATE SCHEMA " + schema);
        s3 = new S3Server(Files.createDirectories(temp.resolve("s3")));
    }

    @AfterEach
    void stop() throws Exception {
        for (HostProcess host : hosts) {
            host.close();
        }
        if (s3 != null) {
            s3.close();
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The properties every host shares, as an operator writes them (credentials stay in the environment). */
    private Path sharedConf(StorageConfig bucket) throws Exception {
        String separator = pgUrl.contains("?") ? "&" : "?";
        String conf = String.join("\n",
                "registry.jdbc.url=" + pgUrl + separator + "currentSchema=" + schema,
                "registry.user=" + pgUser,
                "registry.password=" + pgPassword,
                "storage.type=s3",
                "storage.s3.endpoint=" + bucket.endpoint(),
                "storage.s3.region=us-east-1",
                "storage.s3.bucket=" + bucket.bucket(),
                "storage.s3.prefix=baihua",
                "storage.s3.path-style=true",
                "jobs.threads=1",
                "jobs.lease-seconds=8",
                "jobs.lost-policy=requeue",
                "encoder.threads=1", "");
        return Files.writeString(temp.resolve("baihua.properties"), conf);
    }

    private HostProcess start(int n, Path conf) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("host" + n));
        Path hostConf = Files.writeString(dir.resolve("baihua.properties"), Files.readString(conf) + "jobs.host-id=host-" + n + "\n");
        HostProcess host = new HostProcess("host-" + n, dir, Map.of(
                "BAIHUA_ADMIN_KEY", KEY,
                "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY,
                "JAVA_OPTS", "-Xmx512m"),
                KEY, "serve", "--port", "0", "--conf", hostConf.toString(), "--data-dir", dir.resolve("data").toString(),
                "--plugins-dir", Files.createDirectories(dir.resolve("plugins")).toString());
        hosts.add(host);
        return host;
    }

    @Test
    void threeHostsShareModelsDataPluginsAndTheJobQueue() throws Exception {
        Path conf = sharedConf(s3.newBucket("baihua-it", ""));
        HostProcess one = start(1, conf);
        HostProcess two = start(2, conf);

        // A plugin installed on host 1 reaches host 2, already running (notified, installed from the bucket) ...
        Path financeZip;
        try (var zips = Files.list(Path.of(System.getProperty("baihua.dist.dir")).resolve("plugins"))) {
            financeZip = zips.filter(p -> p.getFileName().toString().startsWith("baihua-plugin-finance")).findFirst().orElseThrow();
        }
        one.call("POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(financeZip), 201);
        long installed = System.nanoTime();
        HostProcess.until(Duration.ofSeconds(60), () -> plugins(two).equals(List.of("finance:STARTED"))
                ? Optional.of(true) : Optional.empty());
        System.out.printf("plugin installed on host 1 -> STARTED on running host 2: %.0f ms%n", (System.nanoTime() - installed) / 1e6);
        // ... and host 3, started later, copies it from the bucket before loading its plugins.
        HostProcess three = start(3, conf);
        assertThat(plugins(three)).containsExactly("finance:STARTED");

        // Ingest on host 1: the rows go to the bucket, the data set to the shared database.
        String query = "domain=finance&task=credit-risk&option.header=false&option.columns="
                + URLEncoder.encode(COLUMNS, StandardCharsets.UTF_8) + "&mapping=label=class&labelValues=1:good,2:bad";
        JsonNode dataset = one.call("POST", "/api/v1/datasets?" + query, "text/csv",
                HttpRequest.BodyPublishers.ofFile(Path.of(System.getProperty("baihua.german.csv"))), 201);
        assertThat(dataset.get("rows").asInt()).isEqualTo(1000);
        String datasetId = dataset.get("id").asText();
        assertThat(three.get("/api/v1/datasets/" + datasetId).get("rows").asInt()).isEqualTo(1000);

        // Submit on host 1: whichever host is free takes the job from the shared queue, reads the rows from the
        // bucket and writes the artifact there.
        JsonNode queued = one.postJson("/api/v1/models", Map.of("name", "credit", "domain", "finance", "task", "credit-risk",
                "dataset", datasetId, "training", Map.of("epochs", 15, "seed", 7)), 202);
        // Host 2 streams the job's events whichever host runs it: the runner's notifications are relayed to it.
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<java.util.stream.Stream<String>>> events =
                java.net.http.HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(two.base.resolve("/api/v1/jobs/"
                        + queued.get("job").asText() + "/events")).header("Authorization", "Bearer " + KEY)
                        .header("Accept", "text/event-stream").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        JsonNode job = one.awaitJob(queued.get("job").asText());
        List<String> streamed = events.get(5, java.util.concurrent.TimeUnit.MINUTES).body()
                .filter(line -> line.startsWith("data:")).toList();
        assertThat(streamed).isNotEmpty();
        assertThat(HostProcess.JSON.readTree(streamed.get(streamed.size() - 1).substring(5)).get("state").asText())
                .as("the stream on host 2 ends with the job's end").isEqualTo("SUCCEEDED");
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("hostId").asText()).isIn("host-1", "host-2", "host-3");
        System.out.println("first job accepted by host-1, run by " + job.get("hostId").asText());

        // Promote on host 2: host 3, notified, loads and warms the version from the bucket before any request
        // reaches it (its loaded-versions gauge, which a scrape does not change, goes from 0 to 1); its first
        // request then loads nothing, and answers exactly as host 1 does.
        assertThat(loadedVersions(three)).as("host 3 has served nothing yet").isZero();
        two.call("POST", "/api/v1/models/credit/versions/1/promote", null, HttpRequest.BodyPublishers.noBody(), 200);
        long promoted = System.nanoTime();
        HostProcess.until(Duration.ofSeconds(60), () -> loadedVersions(three) == 1 ? Optional.of(true) : Optional.empty());
        System.out.printf("promote on host 2 -> version loaded and warm on host 3 (no request): %.0f ms%n",
                (System.nanoTime() - promoted) / 1e6);
        Map<String, Object> record = record();
        JsonNode onThree = three.postJson("/api/v1/models/credit/predict", Map.of("records", List.of(record)), 200);
        assertThat(loadedVersions(three)).as("the first request on host 3 loaded nothing").isEqualTo(1);
        assertThat(onThree.get("version").asInt()).isEqualTo(1);
        JsonNode onOne = one.postJson("/api/v1/models/credit/predict", Map.of("records", List.of(record)), 200);
        assertThat(onOne.get("predictions")).isEqualTo(onThree.get("predictions"));

        // kill -9 the host running a job: once its lease runs out another host re-queues it (jobs.lost-policy=requeue),
        // a free host runs it again from the start, and only that run's artifact is served; production is untouched.
        JsonNode longJob = one.postJson("/api/v1/models", Map.of("name", "credit", "domain", "finance", "task", "credit-risk",
                "dataset", datasetId, "training", Map.of("epochs", LONG_EPOCHS, "patience", 0, "validationSplit", 0, "seed", 8)),
                202);
        String longId = longJob.get("job").asText();
        JsonNode running = HostProcess.until(Duration.ofMinutes(5), () -> {
            JsonNode j = one.get("/api/v1/jobs/" + longId);
            return j.get("state").asText().equals("RUNNING") && j.path("progress").path("epoch").asInt() > 0
                    ? Optional.of(j) : Optional.empty();
        });
        String victimId = running.get("hostId").asText();
        HostProcess victim = hosts.stream().filter(h -> h.name.equals(victimId)).findFirst().orElseThrow();
        HostProcess survivor = hosts.stream().filter(h -> h != victim).findFirst().orElseThrow();
        victim.kill();
        JsonNode rerun = survivor.awaitJob(longId);
        assertThat(rerun.get("state").asText()).as(rerun.toString()).isEqualTo("SUCCEEDED");
        assertThat(rerun.get("hostId").asText()).as("re-run on another host").isNotEqualTo(victimId);
        System.out.println("long job: run by " + victimId + " (killed), re-run by " + rerun.get("hostId").asText());
        assertThat(survivor.get("/api/v1/models/credit/versions/2").get("state").asText()).isEqualTo("READY");
        assertThat(survivor.postJson("/api/v1/models/credit/predict?version=2", Map.of("records", List.of(record)), 200)
                .get("version").asInt()).isEqualTo(2);
        assertThat(survivor.postJson("/api/v1/models/credit/predict", Map.of("records", List.of(record)), 200)
                .get("version").asInt()).isEqualTo(1);
        // every host heard of the promote on host 2, which alone recorded it in the shared history
        assertThat(survivor.get("/api/v1/models/credit/history").get("changes").findValuesAsText("kind"))
                .as("history kinds").containsOnlyOnce("PROMOTED");

        // A plugin removed on one survivor leaves the other one too. READY models pin it, so only a
        // forced removal goes through.
        HostProcess other = hosts.stream().filter(h -> h != victim && h != survivor).findFirst().orElseThrow();
        survivor.call("DELETE", "/api/v1/plugins/finance", null, HttpRequest.BodyPublishers.noBody(), 409);
        survivor.call("DELETE", "/api/v1/plugins/finance?force=true", null, HttpRequest.BodyPublishers.noBody(), 204);
        HostProcess.until(Duration.ofSeconds(60), () -> plugins(other).isEmpty() ? Optional.of(true) : Optional.empty());
    }

    /** Enough epochs that a run lasts several seconds, so that the kill lands in the middle of it. */
    private static final int LONG_EPOCHS = 5000;

    /** The host's {@code baihua_predictor_loaded_versions} gauge: versions whose sessions it holds. */
    private static int loadedVersions(HostProcess host) throws Exception {
        String scrape = host.send("GET", "/metrics", null, HttpRequest.BodyPublishers.noBody()).body();
        return scrape.lines().filter(line -> line.startsWith("baihua_predictor_loaded_versions"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(host.name + " has no loaded-versions gauge:\n" + scrape));
    }

    private static List<String> plugins(HostProcess host) throws Exception {
        List<String> states = new java.util.ArrayList<>();
        host.get("/api/v1/plugins").forEach(p -> states.add(p.get("id").asText() + ":" + p.get("state").asText()));
        return states;
    }

    private static Map<String, Object> record() throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        String[] values = Files.readAllLines(Path.of(System.getProperty("baihua.german.csv"))).get(1).split(",");
        String[] names = COLUMNS.split(",");
        for (int i = 0; i < names.length - 1; i++) {
            record.put(names[i], values[i].matches("\\d+") ? Integer.parseInt(values[i]) : values[i]);
        }
        return record;
    }
}
