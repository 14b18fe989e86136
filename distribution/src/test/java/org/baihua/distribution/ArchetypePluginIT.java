package org.baihua.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.baihua.core.BaihuaHost;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK guide tells a plugin author to do, end to end: the project the archetype generated
 * and built during this build (sdk/archetype's integration test) is installed into a running host
 * over REST, its sample ingested, a model trained and promoted, and predictions made.
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

    @Test
    void theGeneratedPluginInstallsTrainsAndPredicts() throws Exception {
        Path project = Path.of(System.getProperty("baihua.archetype.project"));
        Path zip = project.resolve("target/helpdesk-1.0.0.zip");
        Path sample = project.resolve("src/main/resources/samples/tickets.csv");
        assertThat(zip).as("built by sdk/archetype's integration test").exists();
        try (BaihuaHost host = BaihuaHost.start(new Settings(Map.of("server.port", "0", "data.dir", tmp.resolve("data").toString(),
                "plugins.dir", Files.createDirectories(tmp.resolve("plugins")).toString())), Map.of("BAIHUA_ADMIN_KEY", KEY))) {
            URI base = host.uri();
            JsonNode plugin = send(base, "POST", "/api/v1/plugins", "application/zip", HttpRequest.BodyPublishers.ofFile(zip), 201);
            assertThat(plugin.get("state").asText()).isEqualTo("STARTED");
            assertThat(plugin.get("domains").get(0).asText()).isEqualTo("helpdesk");

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
        }
    }
}
