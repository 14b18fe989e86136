package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.baihua.core.inference.Serving;
import org.baihua.core.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traffic split, sticky routing, shadow and history on one host: a 10 % candidate gets 7-13 % of
 * 2,000 requests; a sticky key always reaches the same version; a shadow never changes an answer,
 * and a failing shadow fails no request; the history answers which version was production at a time.
 */
class TrafficIT {

    private static final List<Map<String, Object>> RECORD = List.of(Map.of("glucose", 150.0, "bmi", 29.0, "sex", "f"));

    @TempDir
    Path tmp;

    @Test
    void splitsStickyRoutesShadowsAndRemembers() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f1"), "1.0.0", false));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 300, 1));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 300, 2));
            ModelRegistry registry = fixture.get(ModelRegistry.class);
            Serving serving = fixture.get(Serving.class);

            Instant beforeAny = Instant.now();
            nextMillisecond(beforeAny);
            assertThat(fixture.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);
            Instant v1Production = Instant.now();
            nextMillisecond(v1Production);
            double[] reference = {Double.NaN, positive(serving, 1), positive(serving, 2)};
            assertThat(reference[1]).isNotEqualTo(reference[2]);

            // 10 % to a candidate
            HostFixture.Response put = put(fixture, "{\"production\": 90, \"candidate\": {\"version\": 2, \"percent\": 10}}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("routing").get("candidate").get("percent").asInt()).isEqualTo(10);
            Instant canary = Instant.now();
            nextMillisecond(canary);
            int toCandidate = 0;
            for (int i = 0; i < 2000; i++) {
                Serving.Answer answer = serving.predict("risk", null, RECORD, false, h -> null);
                int version = answer.result().version();
                assertThat(answer.route()).isEqualTo(version == 2 ? "candidate" : "production");
                assertThat(answer.result().predictions().get(0).probabilities().get("positive")).isEqualTo(reference[version]);
                toCandidate += version == 2 ? 1 : 0;
            }
            assertThat(toCandidate).as("candidate share of 2,000").isBetween(140, 260);
            HostFixture.Response http = fixture.postJson("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 150, \"bmi\": 29, \"sex\": \"f\"}]}");
            assertThat(http.json().get("route").asText()).isIn("production", "candidate");
            assertThat(http.json().get("version").asInt()).isEqualTo(http.json().get("route").asText().equals("candidate") ? 2 : 1);
            assertThat(http.header("X-Baihua-Version")).isEqualTo(http.json().get("version").asText());
            assertThat(http.header("X-Baihua-Route")).isEqualTo(http.json().get("route").asText());
            HostFixture.Response named = fixture.postJson("/api/v1/models/risk/predict?version=2",
                    "{\"records\": [{\"glucose\": 150, \"bmi\": 29, \"sex\": \"f\"}]}");
            assertThat(named.status()).as(named.body()).isEqualTo(200);
            assertThat(named.header("X-Baihua-Version")).isEqualTo("2");
            assertThat(named.header("X-Baihua-Route")).isEqualTo("named");
            String metrics = fixture.get("/metrics").body();
            assertThat(metrics).contains("baihua_predict_latency_seconds_count{model=\"risk\",route=\"candidate\",version=\"2\"}")
                    .contains("baihua_predict_labels_total{label=");
            assertThat(gauge(metrics, "baihua_predictions_total{model=\"risk\",version=\"1\"}")).isGreaterThan(1700);
            assertThat(gauge(metrics, "baihua_predictions_total{model=\"risk\",version=\"2\"}")).isBetween(140.0, 262.0);

            // sticky by a record field and by a header: a key always reaches the same version
            assertThat(put(fixture, "{\"candidate\": {\"version\": 2, \"percent\": 50}, \"stickyBy\": \"field:patient\"}").status()).isEqualTo(200);
            Set<Integer> seen = new HashSet<>();
            for (int key = 0; key < 30; key++) {
                Map<String, Object> record = new HashMap<>(RECORD.get(0));
                record.put("patient", "p-" + key);
                int first = serving.predict("risk", null, List.of(record), false, h -> null).result().version();
                seen.add(first);
                for (int again = 0; again < 4; again++) {
                    assertThat(serving.predict("risk", null, List.of(record), false, h -> null).result().version())
                            .as("patient p-%d", key).isEqualTo(first);
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(1, 2);
            assertThat(put(fixture, "{\"candidate\": {\"version\": 2, \"percent\": 50}, \"stickyBy\": \"header:X-User\"}").status()).isEqualTo(200);
            for (int key = 0; key < 10; key++) {
                String user = "u-" + key;
                int first = serving.predict("risk", null, RECORD, false, h -> h.equals("X-User") ? user : null).result().version();
                for (int again = 0; again < 4; again++) {
                    assertThat(serving.predict("risk", null, RECORD, false, h -> h.equals("X-User") ? user : null).result().version())
                            .isEqualTo(first);
                }
            }
            assertThat(put(fixture, "{\"production\": 80, \"candidate\": {\"version\": 2, \"percent\": 10}}").status()).isEqualTo(400);
            assertThat(put(fixture, "{\"candidate\": {\"version\": 1, \"percent\": 10}}").status()).isEqualTo(400);

            // shadow: every answer is production's; the shadow's agreement is summarised
            assertThat(put(fixture, "{\"shadow\": {\"version\": 2}}").status()).isEqualTo(200);
            Instant shadowed = Instant.now();
            nextMillisecond(shadowed);
            for (int i = 0; i < 200; i++) {
                Serving.Answer answer = serving.predict("risk", null, RECORD, false, h -> null);
                assertThat(answer.result().version()).isEqualTo(1);
                assertThat(answer.result().predictions().get(0).probabilities().get("positive")).isEqualTo(reference[1]);
            }
            JsonNode summary = awaitShadow(fixture, 200);
            assertThat(summary.get("version").asInt()).isEqualTo(2);
            assertThat(summary.get("failures").asLong()).isZero();
            assertThat(summary.get("records").asLong()).isEqualTo(200 - summary.get("dropped").asLong());
            assertThat(summary.get("meanAbsProbabilityDifference").asDouble())
                    .isCloseTo(Math.abs(reference[2] - reference[1]), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(summary.get("agreement").asDouble()).isBetween(0.0, 1.0);
            assertThat(gauge(fixture.get("/metrics").body(), "baihua_shadow_agreement{model=\"risk\",version=\"2\"}"))
                    .isEqualTo(summary.get("agreement").asDouble());

            // a shadow that fails (its plugin build removed) fails no request
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f2"), "1.1.0", true));
            HostFixture.Response retrain = fixture.postJson("/api/v1/models/risk/retrain", "{\"fromVersion\": 1}");
            assertThat(fixture.awaitJob(retrain.json().get("job").asText(), 120).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(put(fixture, "{\"shadow\": {\"version\": 3}}").status()).isEqualTo(200);
            assertThat(fixture.delete("/api/v1/plugins/clinic?version=1.1.0&force=true").status()).isEqualTo(204);
            for (int i = 0; i < 50; i++) {
                assertThat(serving.predict("risk", null, RECORD, false, h -> null).result().predictions().get(0).probabilities()
                        .get("positive")).isEqualTo(reference[1]);
            }
            JsonNode failing = awaitShadow(fixture, 50);
            assertThat(failing.get("version").asInt()).isEqualTo(3);
            assertThat(failing.get("failures").asLong()).isEqualTo(50 - failing.get("dropped").asLong());

            // back to shadow v2: its agreement gauge follows the new run (empty, then its records), not the first v2 run
            assertThat(put(fixture, "{\"shadow\": {\"version\": 2}}").status()).isEqualTo(200);
            assertThat(gauge(fixture.get("/metrics").body(), "baihua_shadow_agreement{model=\"risk\",version=\"2\"}")).isNaN();
            for (int i = 0; i < 20; i++) {
                serving.predict("risk", null, RECORD, false, h -> null);
            }
            JsonNode again = awaitShadow(fixture, 20);
            assertThat(again.get("records").asLong()).isEqualTo(20 - again.get("dropped").asLong()).isPositive();
            assertThat(gauge(fixture.get("/metrics").body(), "baihua_shadow_agreement{model=\"risk\",version=\"2\"}"))
                    .isEqualTo(again.get("agreement").asDouble());

            // history: which version was production when
            assertThat(fixture.postJson("/api/v1/models/risk/versions/2/promote", "").status()).isEqualTo(200);
            Instant v2Production = Instant.now();
            nextMillisecond(v2Production);
            assertThat(fixture.postJson("/api/v1/models/risk/rollback", "").status()).isEqualTo(200);
            Instant rolledBack = Instant.now();
            nextMillisecond(rolledBack);
            assertThat(fixture.delete("/api/v1/models/risk/traffic").status()).isEqualTo(200);
            Instant cleared = Instant.now();
            assertThat(productionAt(fixture, beforeAny).isNull()).isTrue();
            assertThat(productionAt(fixture, v1Production).asInt()).isEqualTo(1);
            assertThat(productionAt(fixture, canary).asInt()).isEqualTo(1);
            assertThat(productionAt(fixture, shadowed).asInt()).isEqualTo(1);
            assertThat(productionAt(fixture, v2Production).asInt()).isEqualTo(2);
            assertThat(productionAt(fixture, rolledBack).asInt()).isEqualTo(1);
            assertThat(productionAt(fixture, cleared).asInt()).isEqualTo(1);
            JsonNode history = fixture.get("/api/v1/models/risk/history").json().get("changes");
            assertThat(history.findValuesAsText("kind")).contains("PROMOTED", "TRAFFIC");
            assertThat(history.get(0).get("caller").asText()).isEqualTo("admin (BAIHUA_ADMIN_KEY)");
            // promote and rollback carry production before and after
            assertThat(change(history, "PROMOTED", 1).get("productionBefore").isNull()).isTrue();
            assertThat(change(history, "PROMOTED", 1).get("productionAfter").asInt()).isEqualTo(1);
            assertThat(change(history, "PROMOTED", 2).get("productionBefore").asInt()).isEqualTo(1);
            JsonNode rollback = change(history, "ROLLBACK", 1);
            assertThat(rollback.get("productionBefore").asInt()).isEqualTo(2);
            assertThat(rollback.get("productionAfter").asInt()).isEqualTo(1);
            assertThat(rollback.get("caller").asText()).isEqualTo("admin (BAIHUA_ADMIN_KEY)");
            // upgrades: the plugin version installed and force-removed, and the retraining on it
            JsonNode installed = change(history, "PLUGIN_INSTALLED", null);
            assertThat(installed.get("plugin").asText()).isEqualTo("clinic@1.1.0");
            assertThat(installed.get("pluginBefore").isNull()).isTrue();
            assertThat(installed.get("pluginAfter").asText()).isEqualTo("STARTED");
            assertThat(installed.get("caller").asText()).isEqualTo("admin (BAIHUA_ADMIN_KEY)");
            JsonNode retrained = change(history, "RETRAINED", 3);
            assertThat(retrained.get("fromVersion").asInt()).isEqualTo(1);
            assertThat(retrained.get("plugin").asText()).isEqualTo("clinic");
            assertThat(retrained.get("pluginBefore").asText()).isEqualTo("1.0.0");
            assertThat(retrained.get("pluginAfter").asText()).isEqualTo("1.1.0");
            JsonNode forced = change(history, "PLUGIN_FORCE_REMOVED", null);
            assertThat(forced.get("plugin").asText()).isEqualTo("clinic@1.1.0");
            assertThat(forced.get("pluginBefore").asText()).isEqualTo("STARTED");
            assertThat(forced.get("pluginAfter").isNull()).isTrue();
            // a disable and enable of the pinned version: its state before and after
            assertThat(fixture.postJson("/api/v1/plugins/clinic/disable?version=1.0.0", "").status()).isEqualTo(200);
            assertThat(fixture.postJson("/api/v1/plugins/clinic/enable?version=1.0.0", "").status()).isEqualTo(200);
            history = fixture.get("/api/v1/models/risk/history").json().get("changes");
            JsonNode disabled = change(history, "PLUGIN_DISABLED", null);
            assertThat(disabled.get("plugin").asText()).isEqualTo("clinic@1.0.0");
            assertThat(disabled.get("pluginBefore").asText()).isEqualTo("STARTED");
            assertThat(disabled.get("pluginAfter").asText()).isEqualTo("DISABLED");
            JsonNode enabled = change(history, "PLUGIN_ENABLED", null);
            assertThat(enabled.get("pluginBefore").asText()).isEqualTo("DISABLED");
            assertThat(enabled.get("pluginAfter").asText()).isEqualTo("STARTED");
            assertThat(registry.production("risk").orElseThrow().version()).isEqualTo(1);
        }
    }

    /** The only change of {@code kind} (for {@code version} when not null) in the history. */
    private static JsonNode change(JsonNode history, String kind, Integer version) {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode c : history) {
            if (c.get("kind").asText().equals(kind) && (version == null || c.get("version").asInt() == version)) {
                found.add(c);
            }
        }
        assertThat(found).as("%s v%s in %s", kind, version, history).hasSize(1);
        return found.get(0);
    }

    /** The value of the metric line {@code series} in a Prometheus scrape. */
    private static double gauge(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in /metrics"));
    }

    private static HostFixture.Response put(HostFixture fixture, String body) {
        return fixture.send("PUT", "/api/v1/models/risk/traffic", HostFixture.ADMIN, "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonNode productionAt(HostFixture fixture, Instant at) {
        HostFixture.Response response = fixture.get("/api/v1/models/risk/history?at=" + at);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("productionAt");
    }

    /** Waits until the shadow has handled (or dropped) {@code requests} more requests; the shadow runs after the answers. */
    private static JsonNode awaitShadow(HostFixture fixture, long requests) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode summary = fixture.get("/api/v1/models/risk/shadow").json();
        while (summary.get("requests").asLong() + summary.get("failures").asLong() + summary.get("dropped").asLong() < requests
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            summary = fixture.get("/api/v1/models/risk/shadow").json();
        }
        return summary;
    }

    /** The history keeps milliseconds: the next change must happen in a later one than {@code t}. */
    private static void nextMillisecond(Instant t) throws InterruptedException {
        while (Instant.now().toEpochMilli() <= t.toEpochMilli()) {
            Thread.sleep(1);
        }
    }

    private static double positive(Serving serving, int version) {
        return serving.predict("risk", version, RECORD, false, h -> null).result().predictions().get(0).probabilities().get("positive");
    }
}
