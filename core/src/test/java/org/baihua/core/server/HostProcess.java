package org.baihua.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host in its own JVM ({@code baihua serve} from the test class path), to be killed like a real process. */
final class HostProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("Baihua is serving on (http://\\S+)");

    final Process process;
    final URI uri;
    private final String adminKey;
    private final StringBuffer output = new StringBuffer();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    HostProcess(Path dataDir, Path pluginsDir, String adminKey) throws Exception {
        this(dataDir, pluginsDir, adminKey, "-Xmx512m", null);
    }

    /**
     * A host with this heap option ({@code -Xmx512m}) and, when not null, this config file; its JVM compiles
     * with C1 only, which starts faster and is quick enough for hosts that train small heads.
     */
    HostProcess(Path dataDir, Path pluginsDir, String adminKey, String heap, Path conf) throws Exception {
        this(dataDir, pluginsDir, adminKey, List.of(heap, "-XX:TieredStopAtLevel=1"), conf);
    }

    /** A host whose JVM has these options (the heap among them) and, when not null, this config file. */
    HostProcess(Path dataDir, Path pluginsDir, String adminKey, List<String> jvmOptions, Path conf) throws Exception {
        this.adminKey = adminKey;
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", classPath, "org.baihua.core.cli.BaihuaCli", "serve",
                "--port", "0", "--data-dir", dataDir.toString(), "--plugins-dir", pluginsDir.toString()));
        if (conf != null) {
            command.addAll(List.of("--conf", conf.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BAIHUA_ADMIN_KEY", adminKey);
        process = builder.start();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
                url.completeExceptionally(new AssertionError("host exited before serving:\n" + output));
            } catch (java.io.IOException e) {
                url.completeExceptionally(e);
            }
        }, "host-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // generous: on two shared, busy cores a JVM with a small heap can take minutes to start
            uri = url.get(300, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly(); // no caller can close a host whose constructor failed
            throw new AssertionError("host did not serve within 300 s:\n" + output, e);
        }
    }

    /** Kills the JVM at once, as a crash or {@code kill -9} would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("host did not die");
        }
    }

    String output() {
        return output.toString();
    }

    /** Calls the host with the admin key; an answer of 300 or more fails the test with its body. */
    JsonNode call(String method, String path, String contentType, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path)).method(method, body)
                .header("Authorization", "Bearer " + adminKey).timeout(Duration.ofMinutes(2));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    JsonNode get(String path) throws Exception {
        return call("GET", path, null, HttpRequest.BodyPublishers.noBody());
    }

    JsonNode post(String path, String body) throws Exception {
        return call("POST", path, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }

    /** Reads a job's event stream until an event matches (5 minutes at most). */
    JsonNode awaitEvent(String jobId, Predicate<JsonNode> until) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/api/v1/jobs/" + jobId + "/events"))
                .header("Authorization", "Bearer " + adminKey).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<JsonNode> match = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        JsonNode event = json.readTree(line.substring(5).trim());
                        if (until.test(event)) {
                            return event;
                        }
                    }
                }
                throw new AssertionError("the event stream of job " + jobId + " ended without the awaited event");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            return match.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            match.cancel(true);
            throw new AssertionError("waiting on job " + jobId + ": " + (e.getCause() == null ? e : e.getCause().getMessage())
                    + "; job now: " + get("/api/v1/jobs/" + jobId) + "\nhost output:\n" + output(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
