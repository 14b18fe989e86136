package org.baihua.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;

/** A real host on an ephemeral port for integration tests, with an admin key and a JSON client. */
public final class HostFixture implements AutoCloseable {

    public static final String ADMIN = "admin-key-for-tests-0123456789";

    public final BaihuaHost host;
    public final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();
    public final ObjectMapper json = new ObjectMapper();

    /** A response: status, content type, body and headers. */
    public record Response(int status, String contentType, String body, JsonNode json, java.net.http.HttpHeaders headers) {

        public Response(int status, String contentType, String body, JsonNode json) {
            this(status, contentType, body, json, java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true));
        }

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public HostFixture(Path tmp, Map<String, String> extraSettings) throws IOException {
        dataDir = tmp.resolve("data");
        Path plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        Map<String, String> settings = new LinkedHashMap<>(Map.of("server.port", "0", "data.dir", dataDir.toString(),
                "plugins.dir", plugins.toString()));
        settings.putAll(extraSettings);
        host = BaihuaHost.start(new Settings(settings), Map.of("BAIHUA_ADMIN_KEY", ADMIN));
    }

    public <T> T get(Class<T> type) {
        return host.injector().getInstance(type);
    }

    public Response send(String method, String path, String key, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.uri() + path)).method(method, body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode parsed = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Response(response.statusCode(), type, response.body(), parsed, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send("GET", path, ADMIN, null, HttpRequest.BodyPublishers.noBody());
    }

    public Response postJson(String path, String body) {
        return send("POST", path, ADMIN, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }

    public Response postText(String path, String contentType, String body) {
        return send("POST", path, ADMIN, contentType, HttpRequest.BodyPublishers.ofString(body));
    }

    /** Posts a file as {@code application/zip} and expects 201. */
    public Response postBytes(String path, Path file) throws IOException {
        Response response = send("POST", path, ADMIN, "application/zip", HttpRequest.BodyPublishers.ofFile(file));
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    public Response delete(String path) {
        return send("DELETE", path, ADMIN, null, HttpRequest.BodyPublishers.noBody());
    }

    /**
     * Follows a job's event stream until it ends and returns the final job document; fails after
     * {@code timeout} seconds.
     */
    public JsonNode awaitJob(String jobId, long timeoutSeconds) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/jobs/" + jobId + "/events"))
                .header("Authorization", "Bearer " + ADMIN).header("Accept", "text/event-stream").GET().build();
        java.util.concurrent.CompletableFuture<JsonNode> last = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    JsonNode seen = null;
                    for (String line : (Iterable<String>) response.body()::iterator) {
                        if (line.startsWith("data:")) {
                            try {
                                seen = json.readTree(line.substring(5).trim());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            events.add(seen);
                        }
                    }
                    return seen;
                });
        try {
            return last.get(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("job " + jobId + " did not end within " + timeoutSeconds + " s: " + get("/api/v1/jobs/" + jobId).body(), e);
        }
    }

    /** Every job event seen by {@link #awaitJob}. */
    public final java.util.List<JsonNode> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void close() {
        host.close();
    }
}
