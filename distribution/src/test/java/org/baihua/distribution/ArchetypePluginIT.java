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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK guide followed as written: the shell blocks docs/sdk-guide.md marks
 * {@code <!-- guide-trip: NAME -->} are read from the guide and run with bash, in order, as a
 * plugin author would paste them: {@code mvn archetype:generate}, {@code ./mvnw package}, the dev
 * loop ({@code baihua serve --dev-plugin target/classes}, a change, {@code ./mvnw compile}), then the
 * curl trip (install, ingest dry-run, ingest, train, wait, promote, predict) and the CLI trip against
 * freshly started hosts. The generated project's README is followed the same way (its
 * {@code <!-- readme-trip: NAME -->} blocks), so a curl without its Content-Type fails here.
 *
 * <p>Only the environment is the test's: {@code mvn} is the Maven running this build, {@code baihua}
 * the distribution just assembled, both on the {@code PATH} as the guide asks; {@code MAVEN_ARGS}
 * makes Maven offline with this build's SDK (the archetype IT's repository, the user's repository
 * behind it); {@code BAIHUA_URL} and {@code BAIHUA_KEY} are the variables the guide itself uses; curl
 * gets {@code --fail-with-body} from a {@code .curlrc}, so an HTTP error stops a block as it would
 * stop the reader.
 */
class ArchetypePluginIT {

    private static final String KEY = "archetype-admin-key-0123456789";

    /** A marker comment {@code <!-- prefix: name -->}, then a fenced sh block: the block's text is group 3. */
    private static final Pattern BLOCK = Pattern.compile("<!-- ([a-z-]+): ([a-z-]+) -->\\n```sh\\n(.*?)\\n```", Pattern.DOTALL);

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The blocks of {@code markdown} marked {@code <!-- prefix: name -->}, by name, in the order they appear. */
    static Map<String, String> blocks(Path markdown, String prefix) throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).equals(prefix)) {
                blocks.put(m.group(2), m.group(3));
            }
        }
        return blocks;
    }

    /**
     * Offline, Maven finds the plugin of {@code mvn archetype:generate} (prefix and version) through
     * repository metadata that a reader's online first run downloads from Maven Central and that this
     * build, which names its plugins in full, never needed: written into the head repository for the
     * archetype plugin version the build itself resolved (what the reader's download would say).
     */
    private static void archetypePluginMetadata(Path repository, Path userRepository) throws IOException {
        Path plugins = Path.of("org/apache/maven/plugins");
        String version;
        try (Stream<Path> versions = Files.list(userRepository.resolve(plugins).resolve("maven-archetype-plugin"))) {
            version = versions.filter(v -> Files.exists(v.resolve("maven-archetype-plugin-" + v.getFileName() + ".jar")))
                    .map(v -> v.getFileName().toString()).max(String::compareTo)
                    .orElseThrow(() -> new AssertionError("the build resolved no maven-archetype-plugin in " + userRepository));
        }
        Files.createDirectories(repository.resolve(plugins).resolve("maven-archetype-plugin"));
        Files.writeString(repository.resolve(plugins).resolve("maven-metadata-local.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata><plugins><plugin><name>Apache Maven Archetype Plugin</name><prefix>archetype</prefix>
                <artifactId>maven-archetype-plugin</artifactId></plugin></plugins></metadata>
                """);
        Files.writeString(repository.resolve(plugins).resolve("maven-archetype-plugin/maven-metadata-local.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <metadata><groupId>org.apache.maven.plugins</groupId><artifactId>maven-archetype-plugin</artifactId>
                <versioning><latest>%1$s</latest><release>%1$s</release><versions><version>%1$s</version></versions></versioning></metadata>
                """.formatted(version));
    }

    /** The reader's shell: baihua and mvn on the PATH, Maven offline on this build's SDK, curl failing on HTTP errors. */
    private Map<String, String> environment() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", Dist.home().resolve("bin") + ":" + Path.of(System.getProperty("baihua.maven.home"), "bin") + ":"
                + System.getenv("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Path repository = Path.of(System.getProperty("baihua.archetype.repository"));
        Path userRepository = Path.of(System.getProperty("baihua.user.repository"));
        archetypePluginMetadata(repository, userRepository);
        env.put("MAVEN_ARGS", "-o -B -Dmaven.repo.local=" + repository + " -Dmaven.repo.local.tail=" + userRepository);
        Path curlHome = Files.createDirectories(tmp.resolve("curl-home"));
        Files.writeString(curlHome.resolve(".curlrc"), "fail-with-body\nsilent\nshow-error\n");
        env.put("CURL_HOME", curlHome.toString());
        return env;
    }

    /** Runs a block with bash in {@code dir}, stopping at the first failing command; returns what it printed. */
    private String run(String name, String block, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", block).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("BAIHUA_ADMIN_KEY");
        Path log = Files.createTempFile(tmp, "block-" + name, ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("block '" + name + "' finishes").isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as("block '" + name + "':\n" + block + "\nprinted:\n" + output).isZero();
        return output;
    }

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

    /** Trains a model over REST (the dev loop's own check), waits for the job through its event stream, and returns the version's metrics. */
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

    /**
     * A {@code baihua serve} command run with bash in {@code dir}, its console collected. The one
     * deviation from the guide's text: {@code --port 0} is added, because the guide's default port
     * 8080 may be taken on a build machine and the host has no variable for it; the address the
     * host prints is what {@code BAIHUA_URL} is then set to.
     */
    private static final class Host implements AutoCloseable {
        final Process process;
        final StringBuffer console = new StringBuffer();
        final URI base;

        Host(String command, Path dir, Map<String, String> env) throws Exception {
            assertThat(command).as("a single baihua serve command").startsWith("baihua serve").doesNotContain("\n");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + command + " --port 0").directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
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
                    url.completeExceptionally(new AssertionError("the host exited before serving:\n" + console));
                } catch (IOException e) {
                    url.completeExceptionally(e);
                }
            }, "host-output");
            reader.setDaemon(true);
            reader.start();
            base = url.get(5, TimeUnit.MINUTES);
        }

        /** The environment of the commands run against this host, as the guide sets it. */
        Map<String, String> client(Map<String, String> env) {
            Map<String, String> client = new HashMap<>(env);
            client.put("BAIHUA_URL", base.toString().replaceAll("/$", ""));
            client.put("BAIHUA_KEY", KEY);
            return client;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the host stops on SIGTERM").isTrue();
        }
    }

    /** A host as an operator starts it (not a guide command: the guide starts from "a running host"). */
    private Host freshHost(String name, Path dir, Map<String, String> env) throws Exception {
        Path home = Files.createDirectories(tmp.resolve(name));
        Files.createDirectories(home.resolve("plugins"));
        return new Host("baihua serve --data-dir '" + home.resolve("data") + "' --plugins-dir '" + home.resolve("plugins") + "'", dir, env);
    }

    /**
     * The dev loop: the built classes are loaded with the sample ingested, a model trains on it and
     * predicts; a change to a class and to the sample, then the guide's rebuild, is served without a
     * restart, and the model keeps answering.
     */
    private void devLoop(Map<String, String> guide, Path project, Map<String, String> env) throws Exception {
        try (Host dev = new Host(guide.get("dev-loop"), project, env)) {
            URI base = dev.base;
            String started = dev.console.toString();
            assertThat(started).contains("[dev] DEVELOPMENT MODE", project.resolve("target/classes").toRealPath().toString())
                    .contains("[dev] loaded plugin 'helpdesk' 1.0.0 from")
                    .containsPattern("\\[dev\\] sample 'tickets' \\(helpdesk/category\\): ingested as data set ds-\\S+, 240 rows");
            assertThat(project.resolve("dev-data/logs/baihua.log")).as("the dev host logs under its --data-dir").exists();
            JsonNode datasets = Dist.getJson(base, "/api/v1/datasets", KEY);
            assertThat(datasets).hasSize(1);
            assertThat(datasets.get(0).get("createdBy").asText()).isEqualTo("dev-plugin");
            JsonNode metrics = train(base, "dev-tickets", datasets.get(0).get("id").asText());
            assertThat(metrics.get("test").get("macroF1").asDouble()).as(metrics.toString()).isGreaterThan(0.8);
            String charged = "{\"records\": [{\"text\": \"I was charged twice for my subscription this month, please refund\", \"channel\": \"email\"}]}";
            assertThat(send(base, "POST", "/api/v1/models/dev-tickets/predict?version=1", "application/json",
                    HttpRequest.BodyPublishers.ofString(charged), 200).get("predictions").get(0).get("label").asText()).isEqualTo("billing");

            // change a class and the sample, rebuild in the other terminal: the host reloads the plugin
            Path domain = project.resolve("src/main/java/com/example/helpdesk/TicketDomain.java");
            Files.writeString(domain, Files.readString(domain).replace("return \"Support tickets\";", "return \"Support tickets, reloaded\";"));
            Path sample = project.resolve("src/main/resources/samples/tickets.csv");
            Files.writeString(sample, Files.readString(sample)
                    + "email,My card was charged again for an order I cancelled last week.,billing\n");
            run("rebuild", guide.get("rebuild"), project, env);
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
            assertThat(dev.console.toString()).contains("[dev] the build output changed")
                    .containsPattern("ingested as data set ds-\\S+, 241 rows");
            assertThat(Dist.getJson(base, "/api/v1/plugins", KEY).get(0).get("state").asText()).isEqualTo("STARTED");
            // the model trained before the reload answers with the reloaded plugin
            assertThat(send(base, "POST", "/api/v1/models/dev-tickets/predict?version=1", "application/json",
                    HttpRequest.BodyPublishers.ofString(charged), 200).get("predictions").get(0).get("label").asText()).isEqualTo("billing");
        }
    }

    /** The guide's promises about strict inputs and explanations, on the model its curl trip trained. */
    private void strictInputsAndExplanations(URI base) throws Exception {
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

    @Test
    void theGuidesTripFromTheGeneratedProjectToPredictions() throws Exception {
        Map<String, String> guide = blocks(Path.of(System.getProperty("baihua.sdk.guide")), "guide-trip");
        assertThat(guide.keySet()).as("the trip's blocks in the guide, in order")
                .containsExactly("generate", "build", "dev-loop", "rebuild", "curl", "cli");
        Map<String, String> env = environment();

        Path work = Files.createDirectories(tmp.resolve("work"));
        run("generate", guide.get("generate"), work, env);
        Path project = work.resolve("helpdesk-plugin");
        assertThat(project.resolve("mvnw")).as("the wrapper is generated executable").isExecutable();
        // a sample deleted since the last build must not be shipped: the build stages from an emptied target/classes
        Path stale = Files.createDirectories(project.resolve("target/classes/samples")).resolve("deleted-sample.csv");
        Files.writeString(stale, "channel,message,category\n");
        run("build", guide.get("build"), project, env);

        Path zip = project.resolve("target/helpdesk-1.0.0.zip");
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            assertThat(entries.getEntry("classes/samples/tickets.csv")).isNotNull();
            assertThat(entries.getEntry("classes/samples/deleted-sample.csv")).as("the deleted sample is not in the zip").isNull();
            assertThat(entries.stream().map(e -> e.getName())).anyMatch(n -> n.endsWith("com/example/helpdesk/TicketRedactor.class"));
        }
        // the conformance checks are reported by name, not as conformance()[3][3][2]
        String report = Files.readString(project.resolve("target/surefire-reports/TEST-com.example.helpdesk.TicketConformanceTest.xml"),
                StandardCharsets.UTF_8);
        assertThat(report).contains("testcase name=\"conformance plugin.properties &gt; plugin.id is a valid id\"")
                .doesNotContain("conformance()[");

        devLoop(guide, project, env);

        try (Host host = freshHost("curl-host", project, env)) {
            String printed = run("curl", guide.get("curl"), project, host.client(env));
            assertThat(tmp.resolve("curl-host/plugins/helpdesk-1.0.0.zip")).as("where the guide says install copies the zip").exists();
            // the dry-run showed the sample as the dev loop left it, and stored nothing: one data set, the real ingest
            assertThat(printed).contains("\"dryRun\":true", "\"columns\":[\"channel\",\"message\",\"category\"]", "\"rows\":241");
            assertThat(Dist.getJson(host.base, "/api/v1/datasets", KEY)).hasSize(1);
            assertThat(Dist.getJson(host.base, "/api/v1/models/tickets/traffic", KEY).get("productionVersion").asInt()).isEqualTo(1);
            assertThat(printed).containsPattern("\"predictions\":\\[\\{.*?\"label\":\"billing\"");
            strictInputsAndExplanations(host.base);
        }

        try (Host host = freshHost("cli-host", project, env)) {
            String printed = run("cli", guide.get("cli"), project, host.client(env));
            assertThat(printed).contains("Dry run: nothing was stored.", "241 usable rows")
                    .contains("Model 'tickets' version 1 is now in production")
                    .containsPattern("1\\s+billing\\s+billing=");
        }

        // the generated README's own curl commands, on a host of their own
        Map<String, String> readme = blocks(project.resolve("README.md"), "readme-trip");
        assertThat(readme.keySet()).containsExactly("ingest", "train");
        try (Host host = freshHost("readme-host", project, env)) {
            Map<String, String> client = host.client(env);
            assertThat(run("ingest", readme.get("ingest"), project, client)).contains("\"dryRun\":true", "\"rows\":241");
            assertThat(run("train", readme.get("train"), project, client)).containsPattern("\"predictions\":\\[\\{.*?\"label\":\"billing\"");
        }
    }
}
