package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.baihua.core.cluster.ClusterSignals;
import org.baihua.core.inference.Predictor;
import org.baihua.core.inference.Serving;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.RegistryEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts on one database (and one data directory for the artifacts): a traffic split set or cleared on host A
 * reaches host B, which had cached "no routing" at its first request, and B warms the candidate before any request
 * reaches it; a promote of the canary made on A and heard on B is recorded once, and the routing rewritten once. On SQLite no notification exists, so this is the poll's work
 * ({@code cluster.poll-millis=100}); on the PostgreSQL of {@code BAIHUA_TEST_PG_URL} (skipped without it) the poll is
 * set to ten minutes, so only the notifications can carry the changes.
 */
class SharedRoutingIT {

    private static final String PREDICT = "{\"records\": [{\"glucose\": 150, \"bmi\": 29, \"sex\": \"f\"}]}";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void routingChangesAndPromotesReachTheOtherHostOnce(String backend) throws Exception {
        Map<String, String> shared = new HashMap<>();
        String schema = null;
        if (backend.equals("postgresql")) {
            String url = System.getenv("BAIHUA_TEST_PG_URL");
            assumeTrue(url != null && !url.isBlank(), "BAIHUA_TEST_PG_URL is not set: PostgreSQL tests skipped");
            schema = "sr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            sql("CREATE SCHEMA " + schema);
            shared.put("registry.jdbc.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            shared.put("registry.user", System.getenv("BAIHUA_TEST_PG_USER"));
            shared.put("registry.password", System.getenv("BAIHUA_TEST_PG_PASSWORD"));
            shared.put("cluster.poll-millis", "600000");
        } else {
            shared.put("cluster.poll-millis", "100");
        }
        try {
            run(shared, backend.equals("postgresql"));
        } finally {
            if (schema != null) {
                sql("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private void run(Map<String, String> shared, boolean notified) throws Exception {
        Map<String, String> settingsA = new HashMap<>(shared);
        settingsA.put("jobs.host-id", "host-a");
        Map<String, String> settingsB = new HashMap<>(shared);
        settingsB.put("jobs.host-id", "host-b");
        // the same tmp: one data directory (artifacts) and one plugins directory, as a shared bucket would give
        try (HostFixture a = new HostFixture(tmp, settingsA)) {
            a.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f"), "1.0.0", false));
            String dataset = ClinicFixture.ingest(a, 300, 1);
            ClinicFixture.train(a, "risk", dataset);
            ClinicFixture.train(a, "risk", dataset);
            assertThat(a.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);

            try (HostFixture b = new HostFixture(tmp, settingsB)) {
                if (notified) {
                    awaitListening(a, b);
                }
                assertThat(route(b)).as("host B caches no routing").isEqualTo("production");

                // a canary set on A: B warms it before any request reaches it, and its answers start going to it
                assertThat(traffic(a, "PUT", "{\"candidate\": {\"version\": 2, \"percent\": 50}}").status()).isEqualTo(200);
                Predictor predictorB = b.get(Predictor.class);
                await("host B warms the candidate set on A").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> predictorB.isWarm("risk", 2));
                awaitCandidateOn(b);

                // cleared on A: B stops
                assertThat(traffic(a, "DELETE", null).status()).isEqualTo(200);
                Serving servingB = b.get(Serving.class);
                await("host B drops the cleared routing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> servingB.routing("risk").isEmpty());
                for (int i = 0; i < 20; i++) {
                    assertThat(route(b)).isEqualTo("production");
                }

                // the canary promoted on A, heard on B while B holds the canary routing
                assertThat(traffic(a, "PUT", "{\"candidate\": {\"version\": 2, \"percent\": 50}}").status()).isEqualTo(200);
                awaitCandidateOn(b);
                ModelRegistry registryB = b.get(ModelRegistry.class);
                CountDownLatch heard = new CountDownLatch(1);
                // subscribed after the host's own listeners, so called after them
                registryB.events().subscribe(event -> {
                    if (event.kind() == RegistryEvent.Kind.PROMOTED && event.version() == 2) {
                        heard.countDown();
                    }
                });
                assertThat(a.postJson("/api/v1/models/risk/versions/2/promote", "").status()).isEqualTo(200);
                if (!notified) {
                    // what VersionRelay does when the notification arrives (SQLite has none)
                    registryB.events().publishFromAnotherHost(new RegistryEvent(RegistryEvent.Kind.PROMOTED, "risk", 2));
                }
                assertThat(heard.await(60, TimeUnit.SECONDS)).as("host B heard of the promote").isTrue();
                for (HostFixture host : List.of(a, b)) {
                    JsonNode changes = host.get("/api/v1/models/risk/history").json().get("changes");
                    List<String> kinds = changes.findValuesAsText("kind");
                    assertThat(promotes(changes, 1)).as("PROMOTED rows of version 1").isEqualTo(1);
                    assertThat(promotes(changes, 2)).as("PROMOTED rows of version 2").isEqualTo(1);
                    // set, cleared, set, and cleared by the promote: one row each
                    assertThat(kinds.stream().filter("TRAFFIC"::equals).count()).as("TRAFFIC rows").isEqualTo(4);
                }
                await("host B drops the routing the promote cleared").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> servingB.routing("risk").isEmpty());
                JsonNode answer = b.postJson("/api/v1/models/risk/predict", PREDICT).json();
                assertThat(answer.get("version").asInt()).isEqualTo(2);
                assertThat(answer.get("route").asText()).isEqualTo("production");
            }
        }
    }

    private static long promotes(JsonNode changes, int version) {
        long n = 0;
        for (JsonNode change : changes) {
            n += change.get("kind").asText().equals("PROMOTED") && change.get("version").asInt() == version ? 1 : 0;
        }
        return n;
    }

    /** Predicts on {@code host} over HTTP until an answer comes from the candidate, version 2. */
    private static void awaitCandidateOn(HostFixture host) {
        await("host B routes to the candidate").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonNode answer = host.postJson("/api/v1/models/risk/predict", PREDICT).json();
            boolean candidate = answer.get("route").asText().equals("candidate");
            assertThat(answer.get("version").asInt()).as("the version that answered the " + answer.get("route") + " route")
                    .isEqualTo(candidate ? 2 : 1);
            return candidate;
        });
    }

    private static String route(HostFixture host) {
        HostFixture.Response answer = host.postJson("/api/v1/models/risk/predict", PREDICT);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("route").asText();
    }

    private static HostFixture.Response traffic(HostFixture host, String method, String body) {
        return host.send(method, "/api/v1/models/risk/traffic", HostFixture.ADMIN, body == null ? null : "application/json",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private static void awaitListening(HostFixture... hosts) {
        await("every host listening for notifications").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> java.util.Arrays.stream(hosts).allMatch(h -> h.get(ClusterSignals.class).listening()));
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv("BAIHUA_TEST_PG_URL"), System.getenv("BAIHUA_TEST_PG_USER"),
                System.getenv("BAIHUA_TEST_PG_PASSWORD")); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
