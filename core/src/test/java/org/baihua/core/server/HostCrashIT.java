package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the whole host: a separate JVM is killed ({@code destroyForcibly}) in the middle
 * of training and in the middle of an ingest, twenty times each. After every restart the database
 * opens, nothing is half-written and the production model answers exactly as before.
 */
class HostCrashIT {

    private static final String ADMIN = "crash-admin-key-0123456789abcdef";
    private static final int KILLS = 20;
    private static final String PROBE = "{\"records\": [{\"x1\": 0.9, \"x2\": 0.8}, {\"x1\": 0.1, \"x2\": 0.05}, {\"x1\": 0.5, \"x2\": 0.55}]}";

    @TempDir
    Path tmp;

    private Path pluginsDir() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("sensors")
                .source("fixture.sensors.SensorDomain", """
                        package fixture.sensors;
                        import java.util.List;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class SensorDomain implements Domain {
                            public String id() { return "sensors"; }
                            public String displayName() { return "Sensors"; }
                            public List<TaskSpec> tasks() {
                                return List.of(new TaskSpec("alarm", "an alarm from two readings", TaskKind.BINARY, List.of("low", "high"),
                                        List.of(FieldSpec.numeric("x1", "first reading"), FieldSpec.numeric("x2", "second reading")), HeadSpec.mlp(16),
                                        Metric.ROC_AUC, null));
                            }
                        }
                        """).build("sensors.zip");
        Files.move(zip, plugins.resolve("sensors.zip"));
        return plugins;
    }

    private static String csv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextDouble();
            double x2 = random.nextDouble();
            boolean high = x1 + x2 + random.nextGaussian() * 0.1 > 1;
            text.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", x1, x2, high ? "high" : "low"));
        }
        return text.toString();
    }

    @Test
    void killedDuringTrainingAndIngestTheHostRecoversAndProductionAnswersTheSame() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path plugins = pluginsDir();
        String baseline;
        String dataset;
        try (HostProcess host = new HostProcess(dataDir, plugins, ADMIN)) {
            dataset = host.call("POST", "/api/v1/datasets?domain=sensors&task=alarm", "text/csv",
                    HttpRequest.BodyPublishers.ofString(csv(3_000, 1))).get("id").asText();
            String job = host.post("/api/v1/models", """
                    {"name": "alarms", "domain": "sensors", "task": "alarm", "dataset": "%s", "training": {"epochs": 30, "seed": 5}}
                    """.formatted(dataset)).get("job").asText();
            assertThat(host.awaitEvent(job, e -> !e.get("state").asText().matches("QUEUED|RUNNING")).get("state").asText())
                    .isEqualTo("SUCCEEDED");
            host.post("/api/v1/models/alarms/versions/1/promote", "{}");
            baseline = host.post("/api/v1/models/alarms/predict", PROBE).toString();
        }

        // Each restart is checked, then serves as the host of the next kill. No validation split: on fewer
        // than 5,000 rows the host would cross-validate first, and the kill must come during the epochs.
        HostProcess host = new HostProcess(dataDir, plugins, ADMIN);
        try {
            for (int i = 0; i < KILLS; i++) {
                String job = host.post("/api/v1/models", """
                        {"name": "alarms", "domain": "sensors", "task": "alarm", "dataset": "%s",
                         "training": {"epochs": 10000, "patience": 0, "validationSplit": 0, "seed": %d}}
                        """.formatted(dataset, i)).get("job").asText();
                int epoch = 1 + i % 3;
                host.awaitEvent(job, e -> e.get("progress").get("epoch").asInt() >= epoch);
                host.kill();
                host = restartAndCheck(dataDir, plugins, baseline, "training kill " + (i + 1));
            }

            byte[] big = csv(400_000, 2).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < KILLS; i++) {
                HostProcess victim = host;
                int killAfter = big.length / 4 + (big.length / 2) * i / KILLS;
                // A fresh client: the upload must open its own connection, not reuse one the checks left open.
                HttpClient uploader = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                CompletableFuture<HttpResponse<String>> upload = uploader.sendAsync(HttpRequest.newBuilder(victim.uri.resolve(
                                "/api/v1/datasets?domain=sensors&task=alarm&name=big-" + i))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new KillingStream(big, killAfter, victim))).build(),
                        HttpResponse.BodyHandlers.ofString());
                String answered = null;
                try {
                    HttpResponse<String> response = upload.get(2, TimeUnit.MINUTES);
                    answered = response.statusCode() + " " + response.body();
                } catch (java.util.concurrent.ExecutionException expected) {
                    answered = "nothing: " + expected.getCause(); // the host died under the upload, as intended
                }
                // destroyForcibly is asynchronous: wait for the process to be gone (it was killed from the upload thread).
                assertThat(victim.process.waitFor(60, TimeUnit.SECONDS)).as("ingest kill %d: the host answered %s; its output: %s", i + 1,
                        answered, victim.output()).isTrue();
                host = restartAndCheck(dataDir, plugins, baseline, "ingest kill " + (i + 1));
            }
        } finally {
            host.close();
        }
    }

    private HostProcess restartAndCheck(Path dataDir, Path plugins, String baseline, String when) throws Exception {
        HostProcess host = new HostProcess(dataDir, plugins, ADMIN);
        try {
            assertThat(host.get("/api/v1/health").get("status").asText()).as(when).isEqualTo("UP");
            JsonNode model = host.get("/api/v1/models/alarms");
            assertThat(model.get("productionVersion").asInt()).as(when).isEqualTo(1);
            for (JsonNode version : model.get("versions")) {
                String state = version.get("state").asText();
                assertThat(state).as(when + ": version " + version.get("version")).isIn("READY", "FAILED", "CANCELLED");
                if (state.equals("FAILED")) {
                    assertThat(version.get("error").asText()).isEqualTo("interrupted by restart");
                }
            }
            for (JsonNode dataset : host.get("/api/v1/datasets")) {
                JsonNode full = host.get("/api/v1/datasets/" + dataset.get("id").asText());
                assertThat(full.get("rows").asLong()).as(when).isPositive();
                assertThat(dataset.get("name").asText()).as(when + ": only complete uploads are stored").doesNotStartWith("big-");
            }
            assertThat(host.post("/api/v1/models/alarms/predict", PROBE).toString()).as(when).isEqualTo(baseline);
            try (var folders = Files.list(dataDir.resolve("artifacts").resolve("alarms"))) {
                assertThat(folders.map(f -> f.getFileName().toString()).toList()).as(when + ": artifact folders").containsExactly("1");
            }
            return host;
        } catch (Exception | AssertionError e) {
            host.close();
            throw e;
        }
    }

    /** Feeds the upload, and kills the host once {@code killAfter} bytes have gone out. */
    private static final class KillingStream extends InputStream {
        private final byte[] data;
        private final int killAfter;
        private final HostProcess host;
        private int position;

        KillingStream(byte[] data, int killAfter, HostProcess host) {
            this.data = data;
            this.killAfter = killAfter;
            this.host = host;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= killAfter && host.process.isAlive()) {
                try {
                    host.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(length, Math.min(data.length - position, 8192));
            System.arraycopy(data, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
