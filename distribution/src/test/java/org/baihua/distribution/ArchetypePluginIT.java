package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK guide tells a plugin author to do, end to end, with the commands it shows: the
 * project the archetype generated during this build (sdk/archetype's integration test) is built
 * with its own Maven wrapper ({@code ./mvnw package}, offline), the zip installed into a running host
 * over REST, its sample ingested, a model trained and promoted, and predictions made, with the
 * guide's promises about strict inputs and explanations checked on the way.
 */
class ArchetypePluginIT {

    private static final String KEY = "archetype-admin-key-0123456789";

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode send(URI base, String method, String path, String contentType, HttpRequest.BodyPublisher body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method, body).header("Authorization", "Bearer " + KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return Dist.JSON.readTree(response.body());
    }

    /** Copies the generated project (sources, pom, wrapper; not its target/) keeping file modes. */
    private static Path copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target") || relative.toString().equals("build.log")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** {@code ./mvnw package}, as the guide says, offline: this build's SDK from the archetype IT's repository. */
    private static void buildWithTheWrapper(Path project) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-o", "-B", "package",
                "-Dmaven.repo.local=" + System.getProperty("baihua.archetype.repository"),
                "-Dmaven.repo.local.tail=" + System.getProperty("baihua.user.repository")));
        Path log = project.resolve("wrapper-build.log");
        Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("./mvnw package finishes").isTrue();
        assertThat(build.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    void theGuidesTripFromTheGeneratedProjectToPredictions() throws Exception {
        Path generated = Path.of(System.getProperty("baihua.archetype.project"));
        assertThat(generated.resolve("target/helpdesk-1.0.0.zip")).as("built by sdk/archetype's integration test").exists();
        assertThat(generated.resolve("mvnw")).as("the wrapper is generated executable").isExecutable();
        Path project = copyProject(generated, tmp.resolve("helpdesk-plugin"));
        // a sample deleted since the last build must not be shipped: the build stages from an emptied target/classes
        Path stale = Files.createDirectories(project.resolve("target/classes/samples")).resolve("deleted-sample.csv");
        Files.writeString(stale, "channel,message,category\n");
        buildWithTheWrapper(project);

        Path zip = project.resolve("target/helpdesk-1.0.0.zip");
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            assertThat(entries.getEntry("classes/samples/tickets.csv")).isNotNull();
            assertThat(entries.getEntry("classes/samples/deleted-sample.csv")).as("the deleted sample is not in the zip").isNull();
            assertThat(entries.stream().map(e -> e.getName())).anyMatch(n -> n.endsWith("TicketRedactor.class"));
        }
        // the conformance checks are reported by name, not as conformance()[3][3][2]
        String report = Files.readString(project.resolve("target/surefire-reports/TEST-org.example.helpdesk.TicketConformanceTest.xml"),
                StandardCharsets.UTF_8);
        assertThat(report).contains("testcase name=\"conformance plugin.properties &gt; plugin.id is a valid id\"")
                .doesNotContain("conformance()[");

        Path sample = project.resolve("src/main/resources/samples/tickets.csv");
        try (BaihuaHost host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", Files.createDirectories(tmp.resolve("plugins")).toString())), Map.of("BAIHUA_ADMIN_KEY", KEY))) {
            URI base = host.uri();
            JsonNode plugin = send(base, "POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(zip), 201);
            assertThat(plugin.get("state").asText()).isEqualTo("STARTED");
            assertThat(plugin.get("domains").get(0).asText()).isEqualTo("helpdesk");
            assertThat(tmp.resolve("plugins/helpdesk-1.0.0.zip")).as("where the guide says install copies the zip").exists();

            // The ingest dry-run step of the guide is not here: `?dryRun=true` is not on main yet.
            JsonNode dataset = send(base, "POST", "/api/v1/datasets?domain=helpdesk&task=category&mapping=text=message,label=category",
                    "text/csv", HttpRequest.BodyPublishers.ofFile(sample), 201);
            assertThat(dataset.get("rows").asInt()).isGreaterThanOrEqualTo(200);

            JsonNode queued = send(base, "POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString("""
                    {"name": "tickets", "domain": "helpdesk", "task": "category", "dataset": "%s", "training": {"seed": 1}}
                    """.formatted(dataset.get("id").asText())), 202);
            String job = queued.get("job").asText();
            HttpRequest events = HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + job + "/events"))
                    .header("Authorization", "Bearer " + KEY).header("Accept", "text/event-stream").GET().build();
            // The event stream ends with the job's final state.
            http.sendAsync(events, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.MINUTES);
            JsonNode state = Dist.getJson(base, "/api/v1/jobs/" + job, KEY);
            assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("SUCCEEDED");

            JsonNode version = Dist.getJson(base, "/api/v1/models/tickets/versions/1", KEY);
            assertThat(version.get("metrics").get("test").get("macroF1").asDouble()).as(version.get("metrics").toString()).isGreaterThan(0.8);
            send(base, "POST", "/api/v1/models/tickets/versions/1/promote", "application/json", HttpRequest.BodyPublishers.ofString("{}"), 200);
            JsonNode answer = send(base, "POST", "/api/v1/models/tickets/predict", "application/json", HttpRequest.BodyPublishers.ofString("""
                    {"records": [{"text": "I was charged twice for my subscription this month, please refund", "channel": "email"},
                                 {"text": "I cannot log in, the password reset link does not work", "channel": "web"}]}
                    """), 200);
            assertThat(answer.get("predictions").get(0).get("label").asText()).isEqualTo("billing");
            assertThat(answer.get("predictions").get(1).get("label").asText()).isEqualTo("access");
            assertThat(answer.has("warnings")).isFalse();

            // explanation words as the caller wrote them, though the plugin's preprocessor lower-cases the text
            String written = "REFUND please: I was CHARGED Twice for my Subscription.";
            JsonNode explained = send(base, "POST", "/api/v1/models/tickets/predict", "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"explain\": true, \"records\": [{\"text\": \"" + written + "\"}]}"), 200);
            JsonNode words = explained.get("predictions").get(0).get("explanation").get("words");
            assertThat(words).isNotEmpty();
            assertThat(words).allSatisfy(w -> assertThat(written).contains(w.get("word").asText()));
            assertThat(words).extracting(w -> w.get("word").asText()).noneMatch(w -> w.endsWith(".") || w.endsWith(":"));

            // strict inputs: a number for the TEXT field, a misnamed field, a misspelt model
            JsonNode number = send(base, "POST", "/api/v1/models/tickets/predict", "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"records\": [{\"text\": 42}]}"), 400);
            assertThat(number.get("field").asText()).isEqualTo("records[0].text");
            assertThat(number.get("detail").asText()).contains("TEXT", "the number 42");
            JsonNode warned = send(base, "POST", "/api/v1/models/tickets/predict", "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"records\": [{\"text\": \"refund me\", \"chanel\": \"email\"}]}"), 200);
            assertThat(warned.get("warnings").get(0).asText()).contains("'chanel'", "did you mean 'channel'?");
            assertThat(send(base, "POST", "/api/v1/models/ticket/predict", "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"records\": [{\"text\": \"x\"}]}"), 404).get("detail").asText())
                    .contains("did you mean 'tickets'?");
        }
    }
}
