package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.auth.KeyStore;
import org.baihua.core.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the host registers &times; {no key, bad key, reader, trainer, admin}: 401 without a
 * valid key, 403 below the route's role, and the route's own answer from its role up. Requests
 * name nothing that exists, so no call changes the host's state.
 */
class AuthMatrixIT {

    /** A harmless request per route and what it answers once access is granted. */
    private record Probe(String path, String contentType, String body, int allowed) {}

    private static final Map<String, Probe> PROBES = new LinkedHashMap<>();

    static {
        probe("GET /api/v1/health", "/api/v1/health", 200);
        probe("GET /api/v1/health/ready", "/api/v1/health/ready", 200);
        probe("GET /metrics", "/metrics", 200);
        probe("GET /api/openapi.json", "/api/openapi.json", 200);
        probe("GET /api/v1/plugins", "/api/v1/plugins", 200);
        PROBES.put("POST /api/v1/plugins", new Probe("/api/v1/plugins", "application/zip", "", 400));
        probe("GET /api/v1/plugins/{id}", "/api/v1/plugins/ghost", 404);
        probe("DELETE /api/v1/plugins/{id}", "/api/v1/plugins/ghost", 404);
        probe("POST /api/v1/plugins/{id}/enable", "/api/v1/plugins/ghost/enable", 404);
        probe("POST /api/v1/plugins/{id}/disable", "/api/v1/plugins/ghost/disable", 404);
        probe("GET /api/v1/domains", "/api/v1/domains", 200);
        probe("GET /api/v1/domains/{id}", "/api/v1/domains/ghost", 404);
        PROBES.put("POST /api/v1/datasets", new Probe("/api/v1/datasets?domain=ghost&task=t", "text/csv", "a,label\n1,x\n", 404));
        probe("GET /api/v1/datasets", "/api/v1/datasets", 200);
        probe("GET /api/v1/datasets/{id}", "/api/v1/datasets/ghost", 404);
        probe("DELETE /api/v1/datasets/{id}", "/api/v1/datasets/ghost", 404);
        probe("GET /api/v1/datasets/{id}/rows", "/api/v1/datasets/ghost/rows", 404);
        probe("GET /api/v1/me", "/api/v1/me", 200);
        PROBES.put("POST /api/v1/models", new Probe("/api/v1/models", "application/json",
                "{\"name\": \"m\", \"domain\": \"clinic\", \"task\": \"risk\", \"dataset\": \"ghost\"}", 404));
        probe("GET /api/v1/models", "/api/v1/models", 200);
        probe("GET /api/v1/models/{name}", "/api/v1/models/ghost", 404);
        probe("GET /api/v1/models/{name}/versions/{version}", "/api/v1/models/ghost/versions/1", 404);
        probe("DELETE /api/v1/models/{name}/versions/{version}", "/api/v1/models/ghost/versions/1", 404);
        probe("POST /api/v1/models/{name}/versions/{version}/promote", "/api/v1/models/ghost/versions/1/promote", 404);
        probe("POST /api/v1/models/{name}/versions/{version}/archive", "/api/v1/models/ghost/versions/1/archive", 404);
        probe("POST /api/v1/models/{name}/rollback", "/api/v1/models/ghost/rollback", 404);
        probe("GET /api/v1/models/{name}/traffic", "/api/v1/models/ghost/traffic", 404);
        PROBES.put("PUT /api/v1/models/{name}/traffic", new Probe("/api/v1/models/ghost/traffic", "application/json",
                "{\"shadow\": {\"version\": 2}}", 404));
        probe("DELETE /api/v1/models/{name}/traffic", "/api/v1/models/ghost/traffic", 404);
        probe("GET /api/v1/models/{name}/shadow", "/api/v1/models/ghost/shadow", 404);
        probe("GET /api/v1/models/{name}/history", "/api/v1/models/ghost/history", 404);
        probe("GET /api/v1/models/{name}/drift", "/api/v1/models/ghost/drift", 404);
        PROBES.put("POST /api/v1/models/{name}/retrain", new Probe("/api/v1/models/ghost/retrain", "application/json", "{}", 404));
        probe("GET /api/v1/models/{name}/versions/{version}/artifact", "/api/v1/models/ghost/versions/1/artifact", 404);
        PROBES.put("POST /api/v1/models/{name}/predict", new Probe("/api/v1/models/ghost/predict", "application/json",
                "{\"records\": [{\"glucose\": 1}]}", 404));
        PROBES.put("POST /api/v1/models/{name}/batch-jobs", new Probe("/api/v1/models/ghost/batch-jobs?dataset=ghost", "text/csv", "", 404));
        probe("GET /api/v1/models/{name}/batch-jobs", "/api/v1/models/ghost/batch-jobs", 200);
        probe("GET /api/v1/models/{name}/batch-jobs/{id}", "/api/v1/models/ghost/batch-jobs/ghost", 404);
        probe("POST /api/v1/models/{name}/batch-jobs/{id}/cancel", "/api/v1/models/ghost/batch-jobs/ghost/cancel", 404);
        probe("DELETE /api/v1/models/{name}/batch-jobs/{id}", "/api/v1/models/ghost/batch-jobs/ghost", 404);
        probe("GET /api/v1/models/{name}/batch-jobs/{id}/result", "/api/v1/models/ghost/batch-jobs/ghost/result", 404);
        probe("GET /api/v1/models/{name}/batch-jobs/{id}/events", "/api/v1/models/ghost/batch-jobs/ghost/events", 404);
        probe("GET /api/v1/jobs", "/api/v1/jobs", 200);
        probe("GET /api/v1/jobs/{id}", "/api/v1/jobs/job-ghost", 404);
        probe("GET /api/v1/jobs/{id}/events", "/api/v1/jobs/job-ghost/events", 404);
        probe("POST /api/v1/jobs/{id}/cancel", "/api/v1/jobs/job-ghost/cancel", 404);
        probe("GET /api/v1/encoders", "/api/v1/encoders", 200);
        probe("GET /api/v1/keys", "/api/v1/keys", 200);
        probe("DELETE /api/v1/keys/{name}", "/api/v1/keys/ghost", 404);
        PROBES.put("POST /api/v1/encoders/{id}/embed", new Probe("/api/v1/encoders/ghost/embed", "application/json",
                "{\"texts\": [\"a\"]}", 404));
    }

    private static void probe(String route, String path, int allowed) {
        PROBES.put(route, new Probe(path, null, null, allowed));
    }

    @TempDir
    Path tmp;

    private HostFixture fixture;
    private final Map<Role, String> keys = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        fixture = new HostFixture(tmp, Map.of());
        KeyStore store = fixture.get(KeyStore.class);
        keys.put(Role.READER, store.create("reader-1", Role.READER));
        keys.put(Role.TRAINER, store.create("trainer-1", Role.TRAINER));
        keys.put(Role.ADMIN, HostFixture.ADMIN);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyRouteAnswersEveryCallerAsItsRoleSays() {
        List<OpenApiRoutes.Route> routes = fixture.get(OpenApiRoutes.class).registeredRoutes();
        assertThat(PROBES.keySet()).as("a probe for every registered route")
                .containsExactlyInAnyOrderElementsOf(routes.stream().map(r -> r.method() + " " + r.path()).toList());
        List<String> wrong = new ArrayList<>();
        for (OpenApiRoutes.Route route : routes) {
            Probe probe = PROBES.get(route.method() + " " + route.path());
            check(wrong, route, probe, "no key", null, route.role() == Role.NONE ? probe.allowed() : 401);
            check(wrong, route, probe, "bad key", "not-a-key-0123456789", route.role() == Role.NONE ? probe.allowed() : 401);
            for (Map.Entry<Role, String> key : keys.entrySet()) {
                check(wrong, route, probe, key.getKey().toString(), key.getValue(),
                        key.getKey().includes(route.role()) ? probe.allowed() : 403);
            }
        }
        assertThat(wrong).as("route, caller: expected -> got").isEmpty();
        assertThat(fixture.get("/api/v1/health").status()).isEqualTo(200);
        new OpenApiContract().assertObservedStatusesDocumented(fixture);
    }

    @Test
    void aRefusedCallIsAuditedWithTheKeyThatWasRefused() {
        HostFixture.Response refused = fixture.send("POST", "/api/v1/plugins/ghost/disable", keys.get(Role.READER), null,
                HttpRequest.BodyPublishers.noBody());
        assertThat(refused.status()).isEqualTo(403);
        org.baihua.core.auth.AuditLog.Entry last = fixture.get(org.baihua.core.auth.AuditLog.class).recent(1).get(0);
        assertThat(last.status()).isEqualTo(403);
        assertThat(last.caller()).isEqualTo("reader-1");
        assertThat(last.role()).isEqualToIgnoringCase("reader");
    }

    @Test
    void keysAreListedWithoutSecretsAndARevokedKeyIsRefusedAtOnce() {
        String reader = keys.get(Role.READER);
        assertThat(fixture.send("GET", "/api/v1/models", reader, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(200);
        var listed = fixture.get("/api/v1/keys").json();
        assertThat(listed.toString()).doesNotContain(reader);
        var entry = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(k -> k.get("name").asText().equals("reader-1")).findFirst().orElseThrow();
        assertThat(entry.get("role").asText()).isEqualToIgnoringCase("reader");
        assertThat(entry.get("createdAt").isNull()).isFalse();
        assertThat(entry.get("lastUsedAt").isNull()).isFalse();
        assertThat(fixture.delete("/api/v1/keys/reader-1").status()).isEqualTo(204);
        assertThat(fixture.send("GET", "/api/v1/models", reader, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(401);
        assertThat(fixture.delete("/api/v1/keys/admin (BAIHUA_ADMIN_KEY)".replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
                .status()).isEqualTo(409);
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws IOException {
        String answer = raw("GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + HostFixture.ADMIN
                + "\r\nAuthorization: Bearer not-a-key-0123456789\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("more than one Authorization");
    }

    @Test
    void malformedPathsAndWrongMethodsAnswerProblemJson() throws IOException {
        String nul = raw("GET /api/v1/models/a%00b HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + HostFixture.ADMIN
                + "\r\nConnection: close\r\n\r\n");
        assertThat(nul).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html");
        HostFixture.Response put = fixture.send("PUT", "/api/v1/models", HostFixture.ADMIN, "application/json",
                HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(put.status()).as(put.body()).isEqualTo(405);
        assertThat(put.contentType()).startsWith("application/problem+json");
        assertThat(put.json().get("detail").asText()).contains("GET", "POST");
        assertThat(put.json().get("status").asInt()).isEqualTo(405);
        assertThat(raw("DELETE /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + HostFixture.ADMIN
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET, POST");
        assertThat(fixture.send("PATCH", "/api/v1/health", null, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(405);
    }

    /** Sends raw bytes (to say what java.net.http will not: two Authorization headers, a %00) and returns the whole answer. */
    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(fixture.host.uri().getHost(), fixture.host.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void check(List<String> wrong, OpenApiRoutes.Route route, Probe probe, String caller, String key, int expected) {
        HttpRequest.BodyPublisher body = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body());
        HostFixture.Response response = fixture.send(route.method(), probe.path(), key, probe.contentType(), body);
        if (response.status() != expected) {
            wrong.add(route.method() + " " + route.path() + ", " + caller + ": " + expected + " -> " + response.status()
                    + " " + response.body());
        } else if (expected >= 400 && !response.contentType().startsWith("application/problem+json")) {
            wrong.add(route.method() + " " + route.path() + ", " + caller + ": " + expected + " without problem+json");
        }
    }
}
