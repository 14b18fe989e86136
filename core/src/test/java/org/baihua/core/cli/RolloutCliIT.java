package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.baihua.core.server.ClinicFixture;
import org.baihua.core.server.HostFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baihua models traffic|shadow|history|drift} against a real host: they drive the REST routes and fail clearly. */
class RolloutCliIT {

    @TempDir
    Path tmp;

    private static CliRun run(HostFixture fixture, String... args) {
        return CliRun.against(fixture.host.uri(), HostFixture.ADMIN, args);
    }

    private static CliRun ok(HostFixture fixture, String... args) {
        CliRun run = run(fixture, args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    private static CliRun fails(HostFixture fixture, String... args) {
        CliRun run = run(fixture, args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.out()).isEqualTo(1);
        assertThat(run.err()).startsWith("baihua: ");
        return run;
    }

    @Test
    void trafficShadowHistoryAndDriftCommands() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of("drift.sample-rate", "1", "drift.min-samples", "20"))) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f1"), "1.0.0", false));
            String dataset = ClinicFixture.ingest(fixture, 300, 1);
            for (int i = 0; i < 3; i++) {
                ClinicFixture.train(fixture, "risk", dataset);
            }
            Instant beforePromote = Instant.now();
            ok(fixture, "models", "promote", "risk", "1");

            assertThat(ok(fixture, "models", "traffic", "risk").out().strip()).isEqualTo("Model 'risk': production v1 100 %");
            assertThat(ok(fixture, "models", "traffic", "risk", "--candidate", "2", "--percent", "10", "--sticky-by", "field:patient")
                    .out().strip()).isEqualTo("Model 'risk': production v1 90 %, candidate v2 10 % (sticky by field:patient)");
            assertThat(ok(fixture, "models", "shadow", "risk", "--version", "3").out().strip())
                    .as("the candidate is kept").isEqualTo("Model 'risk': production v1 90 %, candidate v2 10 % (sticky by field:patient), shadow v3");
            for (int i = 0; i < 30; i++) {
                assertThat(fixture.postJson("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": " + (90 + 3 * i)
                        + ", \"bmi\": 29, \"sex\": \"f\", \"patient\": \"p" + i + "\"}]}").status()).isEqualTo(200);
            }
            String shadow = awaitShadow(fixture);
            assertThat(shadow).startsWith("Model 'risk' shadow v3: ").contains(" requests, ").contains("agreement ").contains("0 failures");
            assertThat(new ObjectMapper().readTree(ok(fixture, "models", "shadow", "risk", "-o", "json").out()).get("version").asInt())
                    .isEqualTo(3);

            assertThat(fails(fixture, "models", "traffic", "risk", "--candidate", "2").err())
                    .contains("--candidate and --percent go together");
            assertThat(fails(fixture, "models", "traffic", "risk", "--candidate", "1", "--percent", "10").err())
                    .contains("candidate.version 1 is the production version").contains("HTTP 400");
            assertThat(fails(fixture, "models", "traffic", "risk", "--candidate", "2", "--percent", "100").err())
                    .contains("candidate.percent must be 1-99");
            assertThat(fails(fixture, "models", "traffic", "risk", "--clear", "--percent", "5").err()).contains("--clear takes no");
            assertThat(fails(fixture, "models", "shadow", "risk", "--version", "3", "--stop").err()).contains("exclude each other");
            assertThat(fails(fixture, "models", "traffic", "nobody").err()).contains("HTTP 404");

            assertThat(ok(fixture, "models", "shadow", "risk", "--stop").out().strip())
                    .isEqualTo("Model 'risk': production v1 90 %, candidate v2 10 % (sticky by field:patient)");
            assertThat(fails(fixture, "models", "shadow", "risk", "--stop").err()).contains("Model 'risk' has no shadow version");
            assertThat(ok(fixture, "models", "traffic", "risk", "--clear").out().strip()).isEqualTo("Model 'risk': production v1 100 %");

            CliRun history = ok(fixture, "models", "history", "risk");
            assertThat(history.out()).contains("AT").contains("KIND").contains("PROMOTED").contains("TRAFFIC").contains("admin");
            assertThat(ok(fixture, "models", "history", "risk", "--at", beforePromote.minusSeconds(60).toString()).out().strip())
                    .isEqualTo("Model 'risk' had no production version at " + beforePromote.minusSeconds(60));
            String now = Instant.now().toString();
            assertThat(ok(fixture, "models", "history", "risk", "--at", now).out().strip())
                    .isEqualTo("Model 'risk' version 1 was in production at " + now);
            assertThat(fails(fixture, "models", "history", "risk", "--at", "yesterday").err())
                    .contains("--at must be an ISO-8601 instant");

            CliRun drift = ok(fixture, "models", "drift", "risk");
            assertThat(drift.out()).startsWith("Model 'risk' version 1: ").contains("INPUT").contains("glucose").contains("sex")
                    .contains("decided labels: ");
            assertThat(new ObjectMapper().readTree(ok(fixture, "models", "drift", "risk", "--version", "2", "-o", "json").out())
                    .get("version").asInt()).isEqualTo(2);
            assertThat(fails(fixture, "models", "drift", "risk", "--version", "9").err()).contains("HTTP 404");
            assertThat(run(fixture, "models", "drift", "risk", "--version", "two").exit()).as("picocli refuses a non-number").isNotZero();
        }
    }

    @Test
    void retrainsOnANamedPluginVersionAndTogglesOneVersion() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f1"), "1.0.0", false));
            ClinicFixture.train(fixture, "risk", ClinicFixture.ingest(fixture, 300, 1));
            fixture.postBytes("/api/v1/plugins", ClinicFixture.versionedZip(tmp.resolve("f2"), "1.1.0", true));

            // the older of two installed versions, named on the command line and over REST (1.1.0 is current)
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode cli = json.readTree(
                    ok(fixture, "models", "retrain", "risk", "--plugin-version", "1.0.0", "-o", "json").out());
            assertThat(fixture.awaitJob(cli.get("job").asText(), 120).get("state").asText()).isEqualTo("SUCCEEDED");
            HostFixture.Response rest = fixture.postJson("/api/v1/models/risk/retrain", "{\"fromVersion\": 1, \"pluginVersion\": \"1.0.0\"}");
            assertThat(rest.status()).as(rest.body()).isEqualTo(202);
            assertThat(fixture.awaitJob(rest.json().get("job").asText(), 120).get("state").asText()).isEqualTo("SUCCEEDED");
            for (int version : List.of(cli.get("version").asInt(), rest.json().get("version").asInt())) {
                com.fasterxml.jackson.databind.JsonNode lineage = fixture.get("/api/v1/models/risk/versions/" + version).json().get("lineage");
                assertThat(lineage.get("pluginVersion").asText()).as("v%d", version).isEqualTo("1.0.0");
                assertThat(lineage.get("datasetId").asText())
                        .isEqualTo(fixture.get("/api/v1/models/risk/versions/1").json().get("lineage").get("datasetId").asText());
            }
            assertThat(fixture.get("/api/v1/plugins/clinic?version=1.1.0").json().get("current").asBoolean()).isTrue();
            assertThat(fails(fixture, "models", "retrain", "risk", "--plugin-version", "9.9.9").err()).contains("9.9.9");

            // enable / disable one version from the command line; the other keeps its state
            assertThat(ok(fixture, "plugins", "disable", "clinic", "--version", "1.1.0").out()).contains("is DISABLED");
            assertThat(fixture.get("/api/v1/plugins/clinic?version=1.1.0").json().get("state").asText()).isEqualTo("DISABLED");
            assertThat(fixture.get("/api/v1/plugins/clinic?version=1.0.0").json().get("state").asText()).isEqualTo("STARTED");
            assertThat(ok(fixture, "plugins", "enable", "clinic", "--version", "1.1.0").out()).contains("is STARTED");
            assertThat(fixture.get("/api/v1/plugins/clinic?version=1.1.0").json().get("state").asText()).isEqualTo("STARTED");
            assertThat(fails(fixture, "plugins", "disable", "clinic", "--version", "9.9.9").err()).contains("HTTP 404");

            // the history shows the upgrade: the install, the retrainings (plugin before and after), the toggles
            String history = ok(fixture, "models", "history", "risk").out();
            assertThat(history).contains("BEFORE").contains("AFTER").contains("PLUGIN_INSTALLED").contains("clinic@1.1.0 not installed")
                    .contains("clinic@1.1.0 STARTED").contains("RETRAINED").contains("v1 on clinic@1.0.0")
                    .contains("PLUGIN_DISABLED").contains("clinic@1.1.0 DISABLED").contains("PLUGIN_ENABLED");
        }
    }

    /** The shadow runs after the answers: wait until it has seen every request. */
    private static String awaitShadow(HostFixture fixture) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String out = "";
        while (System.nanoTime() < deadline) {
            out = ok(fixture, "models", "shadow", "risk").out().strip();
            com.fasterxml.jackson.databind.JsonNode summary = fixture.get("/api/v1/models/risk/shadow").json();
            if (summary.get("requests").asInt() + summary.get("dropped").asInt() + summary.get("failures").asInt() >= 30) {
                return out;
            }
            Thread.sleep(100);
        }
        return out;
    }
}
