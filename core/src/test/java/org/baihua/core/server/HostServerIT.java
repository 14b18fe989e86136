package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots a real host on an ephemeral port with an empty plugins directory and checks the contract's basics. */
class HostServerIT {

    @TempDir
    Path tmp;

    private static final String ADMIN = "admin-key-for-tests-0123456789";

    private BaihuaHost host;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        host = BaihuaHost.start(new Settings(Map.of(
                "server.port", "0",
                "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", Files.createDirectories(tmp.resolve("plugins")).toString())), Map.of("BAIHUA_ADMIN_KEY", ADMIN));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(host.uri() + path)).header("Authorization", "Bearer " + ADMIN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthPluginsAndDomainsAnswerJson() throws Exception {
        HttpResponse<String> health = get("/api/v1/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("version").asText()).isEqualTo(org.baihua.core.HostVersion.current());

        assertThat(json.readTree(get("/api/v1/plugins").body()).isArray()).isTrue();
        assertThat(json.readTree(get("/api/v1/domains").body()).isArray()).isTrue();
    }

    @Test
    void readRoutesNeedAKeyButHealthDoesNot() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/plugins")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(anonymous.body()).get("detail").asText()).contains("Authorization: Bearer");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/plugins"))
                .header("Authorization", "Bearer not-a-key").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndStatus() throws Exception {
        get("/api/v1/plugins");
        get("/api/v1/plugins/ghost");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/plugins\",status=\"200\"} 1")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/plugins/{id}\",status=\"404\"} 1")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void mutatingCallsAreAuditedWithCallerAndOutcome() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(host.uri() + "/api/v1/plugins/ghost/disable"))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        get("/api/v1/plugins");

        var entries = host.injector().getInstance(org.baihua.core.auth.AuditLog.class).recent(10);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).caller()).isEqualTo("admin (BAIHUA_ADMIN_KEY)");
        assertThat(entries.get(0).method()).isEqualTo("POST");
        assertThat(entries.get(0).path()).isEqualTo("/api/v1/plugins/ghost/disable");
        assertThat(entries.get(0).status()).isEqualTo(404);
        assertThat(entries.get(0).detail()).isEqualTo("Plugin 'ghost' is not installed");
    }

    @Test
    void unknownPathsAndIdsAnswerProblemJson() throws Exception {
        HttpResponse<String> missing = get("/api/v1/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(missing.body());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asText()).contains("GET /api/v1/nothing-here").contains("not found");

        HttpResponse<String> noDomain = get("/api/v1/domains/medical");
        assertThat(noDomain.statusCode()).isEqualTo(404);
        assertThat(json.readTree(noDomain.body()).get("detail").asText()).startsWith("Domain 'medical' is not provided");

        HttpResponse<String> noPlugin = get("/api/v1/plugins/ghost");
        assertThat(json.readTree(noPlugin.body()).get("detail").asText()).isEqualTo("Plugin 'ghost' is not installed");
    }
}
