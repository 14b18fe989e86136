package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongFunction;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training memory does not grow with the raw size of the rows: a host in its own JVM with a small
 * heap ({@code -XX:+ExitOnOutOfMemoryError}) trains on a data set whose values add up to more than
 * the heap, which holding the rows in memory (as training did) would not survive; and a data set
 * whose feature matrix cannot fit is refused before it is queued, with the size it needs. The long
 * values are those of a categorical field: long texts would go through the same streamed passes, but
 * embedding them would cost CI minutes.
 */
class TrainingMemoryIT {

    private static final String ADMIN = "memory-admin-key-0123456789abcdef";
    private static final String HEAP = "-Xmx96m";
    /** Characters of each row's long value, and rows: about 1.2 times the heap in all. */
    private static final int VALUE_CHARS = 30_000;
    private static final int ROWS = 4_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void rowsLargerThanTheHeapTrainAndAFeatureMatrixLargerThanItIsRefusedBeforeQueueing() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginFixtures fixtures = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures")));
        Files.move(fixtures.plugin("sites").source("fixture.sites.SitesDomain", """
                package fixture.sites;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class SitesDomain implements Domain {
                    public String id() { return "sites"; }
                    public String displayName() { return "Sites"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("alarm", "an alarm from a reading and the site's description", TaskKind.BINARY,
                                List.of("calm", "alarm"), List.of(FieldSpec.numeric("reading", "bar"),
                                        FieldSpec.categorical("site", "the site's description")),
                                HeadSpec.linear(), Metric.ROC_AUC, null));
                    }
                }
                """).build("sites.zip"), plugins.resolve("sites.zip"));
        Files.move(fixtures.plugin("notes").domain("fixture.notes.NotesDomain", "notes").build("notes.zip"),
                plugins.resolve("notes.zip"));
        try (HostProcess host = new HostProcess(tmp.resolve("data"), plugins, ADMIN, HEAP, null)) {
            String[] sites = new String[4];
            for (int s = 0; s < sites.length; s++) {
                sites[s] = ("site " + s + " ").repeat(VALUE_CHARS / 7 + 1).substring(0, VALUE_CHARS);
            }
            long rawChars = (long) ROWS * VALUE_CHARS;
            assertThat(rawChars).as("the rows' values exceed the heap").isGreaterThan(96L << 20);
            String big = ingest(host, "/api/v1/datasets?domain=sites&task=alarm&name=long-values", "reading,site,label\n", ROWS, r -> {
                boolean alarm = r % 2 == 0;
                return (alarm ? 8 + r % 5 : 2 + r % 3) + ",\"" + sites[(int) (r % sites.length)] + "\"," + (alarm ? "alarm" : "calm") + "\n";
            });
            JsonNode queued = post(host, """
                    {"name": "alarms", "domain": "sites", "task": "alarm", "dataset": "%s", "training": {"epochs": 5, "seed": 1}}
                    """.formatted(big), 202);
            JsonNode done = awaitJob(host, queued.get("job").asText());
            assertThat(done.get("state").asText()).as("%s\nhost output:\n%s", done, host.output()).isEqualTo("SUCCEEDED");
            JsonNode version = get(host, "/api/v1/models/alarms/versions/1");
            assertThat(version.get("metrics").get("split").get("train").asInt() + version.get("metrics").get("split").get("validation").asInt()
                    + version.get("metrics").get("split").get("test").asInt()).isEqualTo(ROWS);
            assertThat(version.get("metrics").get("features").asInt()).as("2 numeric + 4 sites, other, missing").isEqualTo(8);
            assertThat(host.process.isAlive()).isTrue();

            // 80,000 short texts: 384 encoder dimensions a row make at least 117 MiB of features, more than the heap
            String wide = ingest(host, "/api/v1/datasets?domain=notes&task=topic&name=many", "text,label\n", 80_000,
                    r -> "\"note " + r + " about the pump\"," + (r % 2 == 0 ? "a" : "b") + "\n");
            HttpResponse<String> refused = send(host, "POST", "/api/v1/models", """
                    {"name": "topics", "domain": "notes", "task": "topic", "dataset": "%s"}
                    """.formatted(wide));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.get("detail").asText()).contains("data set '" + wide + "' (80000 rows", "needs about", "MiB of heap",
                    "MiB available");
            long neededMib = Long.parseLong(problem.get("detail").asText().replaceAll(".*needs about (\\d+) MiB.*", "$1"));
            assertThat(neededMib).as("80,000 rows x 384 floats").isGreaterThanOrEqualTo(80_000L * 384 * 4 >> 20);
            assertThat(send(host, "GET", "/api/v1/models/topics", null).statusCode()).as("nothing queued").isEqualTo(404);
            assertThat(JSON.readTree(send(host, "GET", "/api/v1/jobs", null).body()).size()).isEqualTo(1);
            assertThat(host.process.isAlive()).isTrue();
        }
    }

    private String ingest(HostProcess host, String path, String header, int rows, LongFunction<String> row) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(host.uri.resolve(path))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(header, rows, row))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s\nhost output:\n%s", answer.body(), host.output()).isEqualTo(201);
        JsonNode dataset = JSON.readTree(answer.body());
        assertThat(dataset.get("rows").asInt()).isEqualTo(rows);
        return dataset.get("id").asText();
    }

    private JsonNode awaitJob(HostProcess host, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            JsonNode state = get(host, "/api/v1/jobs/" + job);
            if (Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state.get("state").asText()) || System.nanoTime() > deadline
                    || !host.process.isAlive()) {
                return state;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode get(HostProcess host, String path) throws Exception {
        HttpResponse<String> answer = send(host, "GET", path, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private JsonNode post(HostProcess host, String body, int status) throws Exception {
        HttpResponse<String> answer = send(host, "POST", "/api/v1/models", body);
        assertThat(answer.statusCode()).as("%s\nhost output:\n%s", answer.body(), host.output()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(HostProcess host, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + ADMIN);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A CSV made row by row as it is sent (nothing on disk, nothing whole in memory). */
    private static final class GeneratedCsv extends InputStream {
        private final int rows;
        private final LongFunction<String> row;
        private byte[] chunk;
        private int at;
        private long next;

        GeneratedCsv(String header, int rows, LongFunction<String> row) {
            this.rows = rows;
            this.row = row;
            this.chunk = header.getBytes(StandardCharsets.UTF_8);
        }

        private boolean fill() {
            if (at < chunk.length) {
                return true;
            }
            if (next >= rows) {
                return false;
            }
            StringBuilder text = new StringBuilder();
            while (text.length() < 64 * 1024 && next < rows) {
                text.append(row.apply(next++));
            }
            chunk = text.toString().getBytes(StandardCharsets.UTF_8);
            at = 0;
            return true;
        }

        @Override
        public int read() {
            return fill() ? chunk[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - at);
            System.arraycopy(chunk, at, buffer, offset, n);
            at += n;
            return n;
        }
    }
}
