package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hand-written OpenAPI document as tests read it: its operations with their roles and
 * documented statuses, and a check that every status a host actually answered (as counted by its
 * Prometheus meters, per route template) is documented for that operation.
 */
final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Pattern REQUESTS = Pattern.compile(
            "^http_server_requests_seconds_count\\{(.*)} ([0-9.E]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    final JsonNode document;

    OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
            document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "METHOD path" of every documented operation &rarr; its {@code x-baihua-role}. */
    Map<String, String> operations() {
        Map<String, String> operations = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.put(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                            op.getValue().path("x-baihua-role").asText("(missing)"));
                }
            }
        }
        return operations;
    }

    /** The statuses documented for one operation. */
    Set<Integer> statuses(String method, String path) {
        JsonNode responses = document.path("paths").path(path).path(method.toLowerCase(java.util.Locale.ROOT)).path("responses");
        Set<Integer> statuses = new TreeSet<>();
        responses.fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
        return statuses;
    }

    /**
     * Asserts that every status the host answered on a route is documented for it, and returns
     * how many distinct (route, status) pairs were seen.
     */
    int assertObservedStatusesDocumented(HostFixture fixture) {
        HostFixture.Response metrics = fixture.send("GET", "/metrics", null, null, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertThat(metrics.status()).isEqualTo(200);
        Set<String> undocumented = new TreeSet<>();
        int seen = 0;
        for (String line : metrics.body().split("\n")) {
            Matcher m = REQUESTS.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(m.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String route = labels.get("route");
            if ("unmatched".equals(route)) {
                continue;
            }
            seen++;
            int status = Integer.parseInt(labels.get("status"));
            if (!statuses(labels.get("method"), route).contains(status)) {
                undocumented.add(labels.get("method") + " " + route + " -> " + status);
            }
        }
        assertThat(undocumented).as("statuses answered but not in the OpenAPI document").isEmpty();
        return seen;
    }
}
