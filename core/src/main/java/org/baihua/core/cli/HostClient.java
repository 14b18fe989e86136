package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/** The CLI's REST client: JSON in and out, a host's problem+json turned into a one-line error. */
final class HostClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HostClient(String base, String key) {
        try {
            this.base = URI.create(base.endsWith("/") ? base : base + "/");
        } catch (IllegalArgumentException e) {
            throw new org.baihua.core.InvalidRequestException("url", "--url is not a valid URL: '" + base + "'");
        }
        this.key = key;
    }

    /** The admin key a local host created in ./data/admin.key, if readable. */
    static String localAdminKey() {
        Path file = Path.of("data", "admin.key");
        try {
            return Files.isReadable(file) ? Files.readString(file).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    JsonNode post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
    }

    JsonNode put(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
    }

    JsonNode postFile(String path, Path file, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new org.baihua.core.InvalidRequestException("file", "No such file: " + file);
        }
        try {
            return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new org.baihua.core.InvalidRequestException("file", "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Streams a GET response into {@code file} (replaced), without holding it in memory. */
    void download(String path, Path file) {
        try {
            HttpResponse<Path> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() >= 300) {
                String body = Files.readString(file);
                Files.deleteIfExists(file);
                throw failure(response.statusCode(), body);
            }
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaihuaException(Kind.UNAVAILABLE, "Interrupted");
        }
    }

    /** Encodes query parameters (in order, nulls skipped) for a path. */
    static String query(String path, java.util.Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(path);
        char separator = path.contains("?") ? '&' : '?';
        for (java.util.Map.Entry<String, String> p : parameters.entrySet()) {
            if (p.getValue() != null) {
                out.append(separator).append(java.net.URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return out.toString();
    }

    /** A path segment made safe for a URL (ids come from the command line). */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Server-sent events of a path, line by line, for progress displays. */
    Stream<String> events(String path) {
        try {
            HttpResponse<Stream<String>> response = http.send(request(path).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 300) {
                String body = String.join("\n", response.body().toList());
                throw failure(response.statusCode(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaihuaException(Kind.UNAVAILABLE, "Interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(30));
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw failure(response.statusCode(), response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaihuaException(Kind.UNAVAILABLE, "Interrupted");
        }
    }

    private BaihuaException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused; is 'baihua serve' running?" : e.toString();
        return new BaihuaException(Kind.UNAVAILABLE, "Cannot reach the host at " + base + ": " + why);
    }

    private static BaihuaException failure(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (IOException e) {
            // not JSON: show the body as it is
        }
        Kind kind = switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 413 -> Kind.PAYLOAD_TOO_LARGE;
            case 415 -> Kind.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> Kind.UNAVAILABLE;
            default -> status >= 500 ? Kind.INTERNAL : Kind.BAD_REQUEST;
        };
        return new BaihuaException(kind, detail + " (HTTP " + status + ")");
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
