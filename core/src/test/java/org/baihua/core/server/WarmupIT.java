package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.baihua.core.inference.Predictor;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.RegistryModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm-up and readiness: a promoted version is warm before the promote answers, a canary before its
 * split is stored; at start the production versions and stored canaries warm in the background and
 * readiness waits for them; a model whose plugin
 * version is gone says "not serving: <reason>" in its view, in health and in readiness, and a
 * version that cannot serve is not promoted; a promote made by another host, of which no
 * notification came, is warmed at the next poll.
 */
class WarmupIT {

    private static final List<Map<String, Object>> RECORD = List.of(Map.of("glucose", 150.0, "bmi", 30.0, "sex", "m"));

    @TempDir
    Path tmp;

    @Test
    void versionsWarmBeforeTrafficAndReadinessReportsModelsThatCannotServe() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f"), "1.0.0", false));
            String dataset = ClinicFixture.ingest(fixture, 300, 1);
            ClinicFixture.train(fixture, "risk", dataset);
            ClinicFixture.train(fixture, "risk", dataset);
            Predictor predictor = fixture.get(Predictor.class);
            JsonNode ready = awaitReady(fixture);
            assertThat(ready.get("status").asText()).isEqualTo("READY");
            assertThat(predictor.isWarm("risk", 1)).isFalse();

            assertThat(fixture.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);
            assertThat(predictor.isWarm("risk", 1)).as("warm when the promote answers").isTrue();
            assertThat(predictor.isWarm("risk", 2)).isFalse();

            // a canary takes its share warm; its shadow summary starts empty
            HostFixture.Response traffic = fixture.send("PUT", "/api/v1/models/risk/traffic", HostFixture.ADMIN, "application/json",
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"production\": 90, \"candidate\": {\"version\": 2, \"percent\": 10}, \"shadow\": {\"version\": 2}}"));
            assertThat(traffic.status()).as(traffic.body()).isEqualTo(200);
            assertThat(predictor.isWarm("risk", 2)).as("the candidate is warm when the split is stored").isTrue();
        }

        // a restart warms the production version and the stored candidate before any request, and readiness waits for them
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            JsonNode ready = awaitReady(fixture);
            assertThat(ready.get("status").asText()).isEqualTo("READY");
            assertThat(fixture.get(Predictor.class).isWarm("risk", 1)).isTrue();
            assertThat(fixture.get(Predictor.class).isWarm("risk", 2)).as("the stored candidate is warm once ready").isTrue();
            // the stored shadow has an empty summary until its first request, not a 404
            HostFixture.Response shadow = fixture.get("/api/v1/models/risk/shadow");
            assertThat(shadow.status()).as(shadow.body()).isEqualTo(200);
            assertThat(shadow.json().get("version").asInt()).isEqualTo(2);
            assertThat(shadow.json().get("requests").asLong()).isZero();
            assertThat(fixture.delete("/api/v1/models/risk/traffic").status()).isEqualTo(200);

            HostFixture.Response removed = fixture.delete("/api/v1/plugins/clinic?version=1.0.0&force=true");
            assertThat(removed.status()).as(removed.body()).isEqualTo(204);
            String reason = "not serving: plugin 'clinic' version 1.0.0 is not installed";
            JsonNode model = fixture.get("/api/v1/models/risk").json();
            assertThat(model.get("versions").get(0).get("notServing").asText()).isEqualTo(reason);
            JsonNode health = fixture.get("/api/v1/health").json();
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.get("notServing").get(0).get("reason").asText()).isEqualTo(reason);
            HostFixture.Response readiness = fixture.get("/api/v1/health/ready");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(readiness.json().get("notServing").get(0).get("model").asText()).isEqualTo("risk");

            HostFixture.Response predict = fixture.postJson("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1, \"bmi\": 2, \"sex\": \"f\"}]}");
            assertThat(predict.status()).isEqualTo(503);
            assertThat(predict.body()).contains(reason.substring("not serving: ".length()));
            HostFixture.Response promote = fixture.postJson("/api/v1/models/risk/versions/2/promote", "");
            assertThat(promote.status()).isEqualTo(409);
            assertThat(promote.body()).contains("was not promoted").contains("plugin 'clinic' version 1.0.0 is not installed");
        }
    }

    @Test
    void withWarmUpOffAPromotedVersionLoadsOnItsFirstRequest() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of("serving.warm-up", "false"))) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f"), "1.0.0", false));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 300, 1));
            assertThat(fixture.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);
            Predictor predictor = fixture.get(Predictor.class);
            assertThat(predictor.isWarm("risk", 1)).isFalse();
            assertThat(fixture.get("/api/v1/health/ready").status()).isEqualTo(200);
            assertThat(predictor.predict("risk", null, RECORD, false).version()).isEqualTo(1);
        }
    }

    @Test
    void aPromoteThisHostWasNotToldOfIsWarmedAtItsNextPoll() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of("cluster.poll-millis", "100"))) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f"), "1.0.0", false));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 300, 1));
            Predictor predictor = fixture.get(Predictor.class);
            assertThat(predictor.isWarm("risk", 1)).isFalse();

            // another host's promote whose notification never came: a registry of its own on the same database,
            // whose events reach none of this host's listeners
            Injector otherHost = Guice.createInjector(new RegistryModule(fixture.dataDir));
            try (Database database = otherHost.getInstance(Database.class)) {
                otherHost.getInstance(ModelRegistry.class).promote("risk", 1);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!predictor.isWarm("risk", 1)) {
                assertThat(System.nanoTime()).as("warmed by a poll within 60 s, with no request").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(predictor.predict("risk", null, RECORD, false).version()).isEqualTo(1);
        }
    }

    /** Polls readiness until 200: the start-up warm-up runs in the background. */
    private static JsonNode awaitReady(HostFixture fixture) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HostFixture.Response ready = fixture.get("/api/v1/health/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.contentType()).startsWith("application/problem+json");
            assertThat(ready.json().get("detail").asText()).startsWith("Not ready: ");
            Thread.sleep(50);
            ready = fixture.get("/api/v1/health/ready");
        }
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        return ready.json();
    }
}
