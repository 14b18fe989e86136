package org.baihua.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The assembled distribution under test and a small JSON-over-HTTP client. */
final class Dist {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Dist() {}

    /** distribution/target/baihua-VERSION, set by the build. */
    static Path home() {
        String dir = System.getProperty("baihua.dist.dir");
        if (dir == null) {
            throw new IllegalStateException("system property baihua.dist.dir is not set (run through Maven failsafe)");
        }
        return Path.of(dir);
    }

    /** The bundled plugin zips. */
    static List<Path> pluginZips() throws IOException {
        try (var files = Files.list(home().resolve("plugins"))) {
            return files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
    }

    static HttpResponse<String> get(URI base, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode getJson(URI base, String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base, path, key);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
