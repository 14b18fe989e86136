package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK guide tells a plugin author to do, end to end, with the commands it shows: the
 * project the archetype generated during this build (sdk/archetype's integration test) is built
 * with its own Maven wrapper ({@code ./mvnw package}, offline); the dev loop
 * ({@code bin/baihua serve --dev-plugin target/classes}) loads it, ingests its sample, trains and
 * predicts, and reloads it after a change and {@code ./mvnw compile}; then the zip is installed into a
 * running host over REST, its sample checked with an ingest dry-run and ingested, a model trained and
 * promoted, and predictions made, with the guide's promises about strict inputs and explanations
 * checked on the way.
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

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    /** {@code ./mvnw <goal>} in the project, offline, as the guide says; this build's SDK from the archetype IT's repository. */
    private static void wrapper(Path project, String goal) throws Exception {
        List<String> command = new ArrayList<>(List.of("./mvnw", "-o", "-B", goal,
                "-Dmaven.repo.local=" + System.getProperty("baihua.archetype.repository"),
                "-Dmaven.repo.local.tail=" + System.getProperty("baihua.user.repository")));
        Path log = project.resolve("wrapper-" + goal + ".log");
        Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("./mvnw " + goal + " finishes").isTrue();
        assertThat(build.exitValue()).as(Files.readString(log)).isZero();
    }

    /** Trains a model as the guide's curl does, waits for the job through its event stream, and returns the version's metrics. */
    private JsonNode train(URI base, String name, String dataset) throws Exception {
        JsonNode queued = send(base, "POST", "/api/v1/models", "application/json", HttpRequest.BodyPublishers.ofString("""
                {"name": "%s", "domain": "helpdesk", "task": "category", "dataset": "%s", "training": {"seed": 1}}
                """.formatted(name, dataset)), 202);
        String job = queued.get("job").asText();
        HttpRequest events = HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + job + "/events"))
                .header("Authorization", "Bearer " + KEY).header("Accept", "text/event-stream").GET().build();
        // The event stream ends with the job's final state.
        http.sendAsync(events, HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.MINUTES);
        JsonNode state = Dist.getJson(base, "/api/v1/jobs/" + job, KEY);
        assertThat(state.get("state").asText()).as(state.toString()).isEqualTo("SUCCEEDED");
        return Dist.getJson(base, "/api/v1/models/" + name + "/versions/" + queued.get("version").asInt(), KEY).get("metrics");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("gave up waiting for: " + what).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** {@code bin/baihua serve --dev-plugin target/classes} run in the project, as the guide shows, its console collected. */
    private static final class DevHost implements AutoCloseable {
        final Process process;
        final StringBuffer console = new StringBuffer();
        final URI base;

        DevHost(Path project, Path data, Path plugins) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(Dist.home().resolve("bin/baihua").toString(), "serve", "--port", "0",
                    "--data-dir", data.toString(), "--plugins-dir", plugins.toString(), "--dev-plugin", "target/classes")
                    .directory(project.toFile()).redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("BAIHUA_ADMIN_KEY", KEY);
            process = builder.start();
            CompletableFuture<URI> url = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        console.append(line).append('\n');
                        Matcher m = SERVING.matcher(line);
                        if (m.find()) {
                            url.complete(URI.create(m.group(1)));
                        }
                    }
                    url.completeExceptionally(new AssertionError("the dev host exited before serving:\n" + console));
                } catch (IOException e) {
                    url.completeExceptionally(e);
                }
            }, "dev-host-output");
            reader.setDaemon(true);
            reader.start();
            base = url.get(5, TimeUnit.MINUTES);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the dev host stops on SIGTERM").isTrue();
        }
    }

    /**
     * The dev loop: the built classes are loaded with the sample ingested, a model trains on it and
     * predicts; a change to a class and to the sample, then {@code ./mvnw compile}, is served without a
     * restart, and the model keeps answering.
     */
    private void devLoop(Path project) throws Exception {
        try (DevHost dev = new DevHost(project, tmp.resolve("dev-data"), Files.createDirectories(tmp.resolve("dev-plugins")))) {
            URI base = dev.base;
            String started = dev.console.toString();
            assertThat(started).contains("[dev] DEVELOPMENT MODE", project.resolve("target/classes").toRealPath().toString())
                    .contains("[dev] loaded plugin 'helpdesk' 1.0.0 from")
                    .containsPattern("\\[dev\\] sample 'tickets' \\(helpdesk/category\\): ingested as data set ds-\\S+, 240 rows");
            JsonNode datasets = Dist.getJson(base, "/api/v1/datasets", KEY);
            assertThat(datasets).hasSize(1);
            assertThat(datasets.get(0).get("createdBy").asText()).isEqualTo("dev-plugin");
            JsonNode metrics = train(base, "dev-tickets", datasets.get(0).get("id").asText());
            assertThat(metrics.get("test").get("macroF1").asDouble()).as(metrics.toString()).isGreaterThan(0.8);
            String charged = "{\"records\": [{\"text\": \"I was charged twice for my subscription this month, please refund\", \"channel\": \"email\"}]}";
            assertThat(send(base, "POST", "/api/v1/models/dev-tickets/predict?version=1", "application/json",
                    HttpRequest.BodyPublishers.ofString(charged), 200).get("predictions").get(0).get("label").asText()).isEqualTo("billing");

            // change a class and the sample, rebuild in the other terminal: the host reloads the plugin
            Path domain = project.resolve("src/main/java/org/example/helpdesk/TicketDomain.java");
            Files.writeString(domain, Files.readString(domain).replace("return \"Support tickets\";", "return \"Support tickets, reloaded\";"));
            Path sample = project.resolve("src/main/resources/samples/tickets.csv");
            Files.writeString(sample, Files.readString(sample)
                    + "email,My card was charged again for an order I cancelled last week.,billing\n");
            wrapper(project, "compile");
            await("the rebuilt plugin is served", () -> {
                try {
                    return Dist.getJson(base, "/api/v1/domains/helpdesk", KEY).get("displayName").asText().equals("Support tickets, reloaded")
                            && Dist.getJson(base, "/api/v1/datasets", KEY).size() == 2;
                } catch (IOException | AssertionError e) {
                    return false; // between the unload and the load the domain is briefly missing
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(dev.console.toString()).contains("[dev] the build changed: reloading")
                    .containsPattern("ingested as data set ds-\\S+, 241 rows");
            assertThat(Dist.getJson(base, "/api/v1/plugins", KEY).get(0).get("state").asText()).isEqualTo("STARTED");
            // the model trained before the reload answers with the reloaded plugin
            assertThat(send(base, "POST", "/api/v1/models/dev-tickets/predict?version=1", "application/json",
                    HttpRequest.BodyPublishers.ofString(charged), 200).get("predictions").get(0).get("label").asText()).isEqualTo("billing");
        }
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
        wrapper(project, "package");

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

        devLoop(project);

        Path sample = project.resolve("src/main/resources/samples/tickets.csv");
        try (BaihuaHost host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", Files.createDirectories(tmp.resolve("plugins")).toString())), Map.of("BAIHUA_ADMIN_KEY", KEY))) {
            URI base = host.uri();
            JsonNode plugin = send(base, "POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(zip), 201);
            assertThat(plugin.get("state").asText()).isEqualTo("STARTED");
            assertThat(plugin.get("domains").get(0).asText()).isEqualTo("helpdesk");
            assertThat(tmp.resolve("plugins/helpdesk-1.0.0.zip")).as("where the guide says install copies the zip").exists();

            // the dry-run: what would be stored, after the mapping, redaction and preprocessing; nothing is stored
            String ingest = "/api/v1/datasets?domain=helpdesk&task=category&format=csv&mapping=text=message,label=category";
            JsonNode dry = send(base, "POST", ingest + "&dryRun=true", "text/csv", HttpRequest.BodyPublishers.ofFile(sample), 200);
            assertThat(dry.get("dryRun").asBoolean()).isTrue();
            assertThat(dry.get("columns")).extracting(JsonNode::asText).containsExactly("channel", "message", "category");
            assertThat(dry.get("mapping").get("text").asText()).isEqualTo("message");
            assertThat(dry.get("mapping").get("label").asText()).isEqualTo("category");
            assertThat(dry.get("unmappedColumns")).isEmpty();
            assertThat(dry.get("rows").asInt()).as("the sample as the dev loop left it").isEqualTo(241);
            JsonNode preview = dry.get("preview");
            assertThat(preview).hasSize(5);
            // line 1 is "Hello, Order 7304 arrived damaged, ...": the plugin's preprocessor masks the number
            assertThat(preview.get(0).get("values").get("label").asText()).isEqualTo("shipping");
            assertThat(preview.get(0).get("values").get("text").asText()).contains("arrived damaged").doesNotContain("7304");
            assertThat(Dist.getJson(base, "/api/v1/datasets", KEY)).as("a dry-run stores nothing").isEmpty();

            JsonNode dataset = send(base, "POST", ingest, "text/csv", HttpRequest.BodyPublishers.ofFile(sample), 201);
            assertThat(dataset.get("rows").asInt()).isEqualTo(241);

            JsonNode metrics = train(base, "tickets", dataset.get("id").asText());
            assertThat(metrics.get("test").get("macroF1").asDouble()).as(metrics.toString()).isGreaterThan(0.8);
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
