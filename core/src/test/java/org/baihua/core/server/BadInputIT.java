package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.auth.AuditLog;
import org.baihua.core.encoder.BundledEncoders;
import org.baihua.core.plugin.PluginFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each route's happy path and its bad inputs on one real host with a trained tabular model: every
 * failure is the documented status with a problem+json body naming what is at fault, and the host
 * keeps serving. At the end, every status seen on a route must be documented in the OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private Path tmp;
    private HostFixture fixture;
    private String dataset;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        tmp = dir;
        fixture = new HostFixture(tmp, Map.of());
        HostFixture.Response installed = fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                HttpRequest.BodyPublishers.ofFile(ClinicFixture.pluginZip(tmp.resolve("fixtures"))));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        dataset = ClinicFixture.ingest(fixture, 120, 1);
        ClinicFixture.train(fixture, "risk", dataset);
        assertThat(fixture.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);
    }

    @AfterEach
    void stillServing() {
        assertThat(fixture.get("/api/v1/health").json().get("status").asText()).isEqualTo("UP");
    }

    @AfterAll
    void stop() {
        try {
            assertThat(new OpenApiContract().assertObservedStatusesDocumented(fixture)).isGreaterThan(40);
        } finally {
            fixture.close();
        }
    }

    /** Asserts a problem+json answer with the status, and returns it for more checks. */
    private static JsonNode problem(HostFixture.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("detail").asText()).isNotBlank();
        return response.json();
    }

    @Test
    void plugins() throws IOException {
        assertThat(fixture.get("/api/v1/plugins").json()).extracting(p -> p.get("id").asText()).contains("clinic");
        assertThat(fixture.get("/api/v1/plugins/clinic").json().get("state").asText()).isEqualTo("STARTED");
        Path fixtures = tmp.resolve("fixtures");

        assertThat(problem(fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                HttpRequest.BodyPublishers.ofFile(fixtures.resolve("clinic.zip"))), 409).get("detail").asText())
                .contains("Plugin 'clinic' version 1.0.0 is already installed");
        assertThat(problem(fixture.postText("/api/v1/plugins", "application/zip", ""), 400).get("detail").asText()).contains("empty");
        assertThat(problem(fixture.postText("/api/v1/plugins", "application/zip", "not a zip"), 400).get("detail").asText())
                .contains("not a valid zip");
        problem(fixture.postText("/api/v1/plugins", "text/plain", "x"), 415);
        assertThat(problem(rawPost("/api/v1/plugins", "application/zip", PluginRoutes.MAX_PLUGIN_BYTES + 1), 413).get("detail").asText())
                .contains("larger than the limit");

        Path slip = new PluginFixtures(fixtures).plugin("slippery").entry("../../escaped.txt", "owned").build("slippery.zip");
        assertThat(problem(fixture.send("POST", "/api/v1/plugins", HostFixture.ADMIN, "application/zip",
                HttpRequest.BodyPublishers.ofFile(slip)), 400).get("detail").asText()).contains("outside its folder").contains("../../escaped.txt");
        try (var files = Files.walk(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("escaped.txt");
        }
        assertThat(fixture.get("/api/v1/plugins/slippery").status()).isEqualTo(404);

        for (String traversal : new String[] {"..%2F..%2Fdata", "..", "%2e%2e", "clinic%2F..%2F..%2Fdata"}) {
            HostFixture.Response removed = fixture.delete("/api/v1/plugins/" + traversal);
            assertThat(removed.status()).as(traversal + ": " + removed.body()).isIn(400, 404);
            assertThat(removed.contentType()).as(traversal).startsWith("application/problem+json");
        }
        assertThat(Files.isDirectory(fixture.dataDir)).isTrue();
        assertThat(fixture.get("/api/v1/plugins/clinic").status()).isEqualTo(200);
        problem(fixture.postJson("/api/v1/plugins/ghost/enable", ""), 404);
        problem(fixture.postJson("/api/v1/plugins/ghost/disable", ""), 404);
        problem(fixture.get("/api/v1/plugins/ghost"), 404);
    }

    @Test
    void aModelWhosePluginIsDisabledIsUnavailableUntilItIsEnabledAgain() {
        assertThat(fixture.postJson("/api/v1/plugins/clinic/disable", "").json().get("state").asText()).isEqualTo("DISABLED");
        try {
            assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 150}]}"), 503)
                    .get("detail").asText()).contains("plugin 'clinic'");
            problem(fixture.get("/api/v1/domains/clinic"), 404);
        } finally {
            assertThat(fixture.postJson("/api/v1/plugins/clinic/enable", "").json().get("state").asText()).isEqualTo("STARTED");
        }
        assertThat(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 150}]}").status()).isEqualTo(200);
    }

    @Test
    void domains() {
        JsonNode domain = fixture.get("/api/v1/domains/clinic").json();
        assertThat(domain.get("tasks").get(0).get("kind").asText()).isEqualTo("binary");
        assertThat(fixture.get("/api/v1/domains").json()).extracting(d -> d.get("id").asText()).contains("clinic");
        problem(fixture.get("/api/v1/domains/ghost"), 404);
        problem(fixture.get("/api/v1/domains/..%2Fclinic"), 404);
    }

    @Test
    void datasets() {
        assertThat(fixture.get("/api/v1/datasets").json()).extracting(d -> d.get("id").asText()).contains(dataset);
        assertThat(fixture.get("/api/v1/datasets/" + dataset).json().get("rows").asInt()).isEqualTo(120);
        assertThat(problem(fixture.get("/api/v1/datasets/..%2F..%2Fadmin.key"), 400).get("field").asText()).isEqualTo("id");
        problem(fixture.get("/api/v1/datasets/ds-ghost"), 404);
        problem(fixture.delete("/api/v1/datasets/ds-ghost"), 404);
        assertThat(problem(fixture.postText("/api/v1/datasets?domain=clinic", "text/csv", "a\n"), 400).get("field").asText()).isEqualTo("task");
        problem(fixture.postText("/api/v1/datasets?domain=clinic&task=risk", "application/pdf", "%PDF"), 415);
        JsonNode badRows = problem(fixture.postText("/api/v1/datasets?domain=clinic&task=risk", "text/csv",
                "glucose,bmi,sex,label\n1,2,f,maybe\n"), 400);
        assertThat(badRows.get("detail").asText()).contains("line 2");
        assertThat(Files.exists(fixture.dataDir.resolve("admin.key"))).isFalse();
    }

    @Test
    void trainingRequests() {
        String good = "\"name\": \"other\", \"domain\": \"clinic\", \"task\": \"risk\", \"dataset\": \"" + dataset + "\"";
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"epochz\": 3}"), 400).get("field").asText()).isEqualTo("epochz");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"training\": {\"epochs\": [1]}}"), 400).get("field").asText())
                .isEqualTo("training.epochs");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"training\": {\"seed\": 1.5}}"), 400).get("field").asText())
                .isEqualTo("training.seed");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"head\": {\"hiddenLayers\": [0], \"dropout\": 0, \"labelSmoothing\": 0}}"), 400).get("detail").asText())
                .contains("hidden layer width");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"head\": {\"hiddenLayers\": []}}"), 400).get("field").asText())
                .isEqualTo("head.dropout");
        assertThat(problem(fixture.postJson("/api/v1/models", "{\"name\": \"x\"}"), 400).get("detail").asText()).contains("is required");
        assertThat(problem(fixture.postJson("/api/v1/models", "[1, 2]"), 400).get("detail").asText()).contains("must be a JSON object");
        assertThat(problem(fixture.postJson("/api/v1/models", "{\"name\": \"x\",,}"), 400).get("detail").asText()).contains("not valid JSON");
        problem(fixture.postJson("/api/v1/models", ""), 400);
        for (String name : new String[] {"../x", "..", "a/b", "A", "x y", "x".repeat(65)}) {
            assertThat(problem(fixture.postJson("/api/v1/models", "{" + good.replace("\"other\"", "\"" + name + "\"") + "}"), 400)
                    .get("field").asText()).as(name).isEqualTo("name");
        }
        problem(fixture.postJson("/api/v1/models", "{" + good.replace(dataset, "ds-ghost") + "}"), 404);
        problem(fixture.postJson("/api/v1/models", "{" + good.replace("\"clinic\"", "\"ghost\"") + "}"), 404);
        problem(fixture.postText("/api/v1/models", "text/plain", "{" + good + "}"), 415);
        problem(fixture.send("POST", "/api/v1/models", HostFixture.ADMIN, null, HttpRequest.BodyPublishers.ofString("{" + good + "}")), 415);
        problem(rawPost("/api/v1/models", "application/json", Bodies.MAX_JSON_BYTES + 1), 413);
        assertThat(fixture.get("/api/v1/models/other").status()).isEqualTo(404);

        // eight rows would train to a "test accuracy" measured on one example per label: refused before anything is queued
        String tiny = ClinicFixture.ingest(fixture, 8, 9);
        int jobsBefore = fixture.get("/api/v1/jobs").json().size();
        JsonNode refused = problem(fixture.postJson("/api/v1/models", "{" + good.replace(dataset, tiny) + "}"), 400);
        assertThat(refused.get("field").asText()).isEqualTo("dataset");
        assertThat(refused.get("detail").asText()).contains("every label needs at least 5 rows", "'negative' has 4", "'positive' has 4");
        assertThat(fixture.get("/api/v1/jobs").json().size()).isEqualTo(jobsBefore);
    }

    @Test
    void lenientJsonIsRefused() {
        String good = "\"name\": \"other\", \"domain\": \"clinic\", \"task\": \"risk\", \"dataset\": \"" + dataset + "\"";
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"training\": {\"epochs\": \"10\"}}"), 400)
                .get("field").asText()).isEqualTo("training.epochs");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"name\": \"again\"}"), 400).get("detail").asText())
                .contains("Duplicate field 'name'");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + "} {}"), 400).get("detail").asText()).contains("Trailing token");
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"training\": {\"validationSplit\": 0.5, \"testSplit\": 0.5}}"),
                400).get("field").asText()).isEqualTo("training.testSplit");
        // Deep nesting is refused with a 400 on every JSON route (it was a 500 NullPointerException).
        String deep = "{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000);
        for (String path : new String[] {"/api/v1/models", "/api/v1/models/risk/predict", "/api/v1/encoders/"
                + fixture.get("/api/v1/encoders").json().get(0).get("id").asText() + "/embed"}) {
            problem(fixture.postJson(path, "{\"records\": [" + deep + "]}"), 400);
            problem(fixture.postJson(path, "[".repeat(100_000) + "]".repeat(100_000)), 400);
        }
        assertThat(problem(fixture.postJson("/api/v1/models/risk/predict", "{\"records\": [" + deep + "]}"), 400).get("detail").asText())
                .contains("nesting depth");
        assertThat(fixture.get("/api/v1/models/other").status()).isEqualTo(404);
    }

    @Test
    void aHeadTooLargeIsRefusedBeforeItIsQueued() {
        int jobsBefore = fixture.get("/api/v1/jobs").json().size();
        String good = "\"name\": \"huge\", \"domain\": \"clinic\", \"task\": \"risk\", \"dataset\": \"" + dataset + "\"";
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"head\": {\"hiddenLayers\": [40000, 40000], "
                + "\"dropout\": 0, \"labelSmoothing\": 0}}"), 400).get("detail").asText())
                .contains("1600", "limits.max-head-parameters");
        String deep = "[" + "1, ".repeat(9_999) + "1]";
        assertThat(problem(fixture.postJson("/api/v1/models", "{" + good + ", \"head\": {\"hiddenLayers\": " + deep + ", "
                + "\"dropout\": 0, \"labelSmoothing\": 0}}"), 400).get("detail").asText())
                .contains("has 10000 layers", "at most 16");
        assertThat(fixture.get("/api/v1/jobs").json().size()).isEqualTo(jobsBefore);
        assertThat(fixture.get("/api/v1/models/huge").status()).isEqualTo(404);
    }

    @Test
    void predictWorkIsBounded() {
        String longText = "x".repeat(100_001);
        JsonNode tooLong = problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1}, {\"sex\": \"" + longText
                + "\"}]}"), 413);
        assertThat(tooLong.get("field").asText()).isEqualTo("records[1].sex");
        assertThat(tooLong.get("detail").asText()).contains("100001 characters", "at most 100000");
        String many = "{\"glucose\": 100},".repeat(51);
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"explain\": true, \"records\": ["
                + many.substring(0, many.length() - 1) + "]}"), 413).get("detail").asText()).contains("explain is limited to 50");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{}]}"), 400).get("detail").asText())
                .contains("none of the input fields");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucoze\": 1}]}"), 400).get("detail").asText())
                .contains("glucoze", "did you mean 'glucose'?");
        JsonNode unknownParameter = problem(predict("/api/v1/models/risk/predict?verison=1", "{\"records\": [{\"glucose\": 1}]}"), 400);
        assertThat(unknownParameter.get("field").asText()).isEqualTo("verison");
        assertThat(unknownParameter.get("detail").asText()).contains("unknown query parameter 'verison'", "did you mean 'version'?");
    }

    @Test
    void lifecycleMovesThatAreNotAllowedAre409() {
        assertThat(fixture.get("/api/v1/models/risk").json().get("productionVersion").asInt()).isEqualTo(1);
        assertThat(problem(fixture.postJson("/api/v1/models/risk/versions/1/promote", ""), 409).get("detail").asText())
                .contains("already in production");
        problem(fixture.postJson("/api/v1/models/risk/versions/1/archive", ""), 409);
        problem(fixture.delete("/api/v1/models/risk/versions/1"), 409);
        assertThat(problem(fixture.postJson("/api/v1/models/risk/rollback", ""), 409).get("detail").asText()).contains("roll back");
        assertThat(problem(fixture.get("/api/v1/models/risk/versions/abc"), 400).get("field").asText()).isEqualTo("version");
        problem(fixture.get("/api/v1/models/risk/versions/0"), 400);
        problem(fixture.get("/api/v1/models/risk/versions/99"), 404);
        problem(fixture.postJson("/api/v1/models/risk/versions/99/promote", ""), 404);
        problem(fixture.get("/api/v1/models/ghost"), 404);
        problem(fixture.postJson("/api/v1/models/ghost/rollback", ""), 404);
        problem(fixture.get("/api/v1/models/risk/versions/99/artifact"), 404);
        assertThat(fixture.get("/api/v1/models/risk/versions/1/artifact").contentType()).isEqualTo("application/zip");
        assertThat(fixture.get("/api/v1/models/risk/versions/1").json().get("stage").asText()).isEqualTo("PRODUCTION");
        assertThat(fixture.get("/api/v1/models").json()).extracting(m -> m.get("name").asText()).contains("risk");
    }

    @Test
    void predictionsAreNotAuditedButLifecycleMovesAre() {
        AuditLog audit = fixture.get(AuditLog.class);
        int before = audit.recent(10_000).size();
        for (int i = 0; i < 5; i++) {
            assertThat(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 120}]}").status()).isEqualTo(200);
        }
        assertThat(audit.recent(10_000)).hasSize(before);
        problem(fixture.postJson("/api/v1/models/risk/versions/1/promote", ""), 409);
        assertThat(audit.recent(1).get(0).path()).isEqualTo("/api/v1/models/risk/versions/1/promote");
        assertThat(audit.recent(1).get(0).status()).isEqualTo(409);
    }

    @Test
    void predictions() {
        JsonNode answer = predict("/api/v1/models/risk/predict",
                "{\"records\": [{\"glucose\": 170, \"bmi\": 35, \"sex\": \"f\"}, {\"glucose\": 90, \"bmi\": 22}], \"explain\": true}").json();
        assertThat(answer.get("predictions")).extracting(p -> p.get("label").asText()).containsExactly("positive", "negative");
        assertThat(answer.get("predictions").get(0).has("explanation")).isTrue();
        assertThat(answer.has("warnings")).as("no warnings, no field").isFalse();
        JsonNode wrongType = problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1}, {\"glucose\": true}]}"), 400);
        assertThat(wrongType.get("field").asText()).isEqualTo("records[1].glucose");
        assertThat(wrongType.get("detail").asText()).contains("must be a JSON number", "NUMERIC field 'glucose'", "was the boolean true");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1, \"sex\": {\"f\": 1}}]}"), 400)
                .get("field").asText()).isEqualTo("records[0].sex");
        JsonNode warned = predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 150, \"bmii\": 30}]}").json();
        assertThat(warned.get("predictions")).hasSize(1);
        assertThat(warned.get("warnings")).hasSize(1);
        assertThat(warned.get("warnings").get(0).asText()).contains("field 'bmii' (records[0])", "not an input of task 'risk'",
                "did you mean 'bmi'?");
        assertThat(predict("/api/v1/models/risk/predict?version=1", "{\"records\": [{\"glucose\": 100}]}").json().get("version").asInt())
                .isEqualTo(1);

        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": \"high\"}]}"), 400).get("field").asText())
                .isEqualTo("records[0]");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1}, null]}"), 400).get("field").asText())
                .isEqualTo("records[1]");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": \"x\"}"), 400).get("field").asText()).isEqualTo("records");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": []}"), 400).get("field").asText()).isEqualTo("records");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"recs\": []}"), 400).get("field").asText()).isEqualTo("recs");
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [{}], \"explain\": \"yes\"}"), 400).get("field").asText())
                .isEqualTo("explain");
        problem(predict("/api/v1/models/risk/predict", "{\"records\": [{\"glucose\": 1}"), 400);
        assertThat(problem(predict("/api/v1/models/risk/predict?version=two", "{\"records\": [{}]}"), 400).get("field").asText())
                .isEqualTo("version");
        problem(predict("/api/v1/models/risk/predict?version=7", "{\"records\": [{\"glucose\": 1}]}"), 404);
        problem(predict("/api/v1/models/ghost/predict", "{\"records\": [{}]}"), 404);
        assertThat(problem(predict("/api/v1/models/riks/predict", "{\"records\": [{\"glucose\": 1}]}"), 404).get("detail").asText())
                .isEqualTo("Model 'riks' not found; did you mean 'risk'?");
        assertThat(problem(fixture.get("/api/v1/models/rsk/versions/1"), 404).get("detail").asText()).endsWith("did you mean 'risk'?");
        problem(fixture.postText("/api/v1/models/risk/predict", "text/csv", "glucose\n1\n"), 415);
        String many = "{\"glucose\": 100},".repeat(1001);
        assertThat(problem(predict("/api/v1/models/risk/predict", "{\"records\": [" + many.substring(0, many.length() - 1) + "]}"), 413)
                .get("detail").asText()).contains("at most 1000");
        problem(rawPost("/api/v1/models/risk/predict", "application/json", Bodies.MAX_JSON_BYTES + 1), 413);
    }

    @Test
    void jobs() {
        JsonNode jobs = fixture.get("/api/v1/jobs").json();
        assertThat(jobs).isNotEmpty();
        String id = jobs.get(0).get("id").asText();
        assertThat(fixture.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(fixture.awaitJob(id, 30).get("state").asText()).isEqualTo("SUCCEEDED");
        HostFixture.Response cancel = fixture.postJson("/api/v1/jobs/" + id + "/cancel", "");
        assertThat(cancel.status()).as(cancel.body()).isIn(200, 409);
        assertThat(fixture.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("SUCCEEDED");
        problem(fixture.get("/api/v1/jobs/job-ghost"), 404);
        problem(fixture.postJson("/api/v1/jobs/job-ghost/cancel", ""), 404);
        problem(fixture.get("/api/v1/jobs/job-ghost/events"), 404);
    }

    @Test
    void encoders() {
        JsonNode encoders = fixture.get("/api/v1/encoders").json();
        // what a user reads to choose an encoder, field by field, the default first
        assertThat(encoders).extracting(e -> e.get("id").asText(), e -> e.get("languages").toString(), e -> e.get("dimensions").asInt(),
                        e -> e.get("maxTokens").asInt(), e -> e.get("pooling").asText(), e -> e.get("precision").asText(),
                        e -> e.get("relativeSpeed").asDouble(), e -> e.get("defaultFor").toString())
                .containsExactly(
                        tuple("bge-small-en-v15", "[\"en\"]", 384, 512, "cls", "fp32", BundledEncoders.BGE_SMALL_EN.relativeSpeed(),
                                "[\"en\",\"und\"]"),
                        tuple("all-minilm-l6-v2-q", "[\"en\"]", 384, 256, "mean", "int8", 1.0, "[]"),
                        tuple("bge-small-zh-v15-q", "[\"zh\"]", 512, 512, "cls", "int8", BundledEncoders.BGE_SMALL_ZH.relativeSpeed(),
                                "[\"zh\"]"));
        String id = encoders.get(0).get("id").asText();
        JsonNode vectors = fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": [\"chest pain\", \"pump leak\"]}").json();
        assertThat(vectors.get("vectors")).hasSize(2);
        assertThat(vectors.get("vectors").get(0)).hasSize(vectors.get("dimensions").asInt());
        assertThat(problem(fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": []}"), 400).get("field").asText()).isEqualTo("texts");
        assertThat(problem(fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": [\"a\", null]}"), 400).get("field").asText())
                .isEqualTo("texts[1]");
        assertThat(problem(fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": \"a\"}"), 400).get("field").asText())
                .isEqualTo("texts");
        problem(fixture.postJson("/api/v1/encoders/ghost/embed", "{\"texts\": [\"a\"]}"), 404);
        problem(fixture.postText("/api/v1/encoders/" + id + "/embed", "text/plain", "a"), 415);
    }

    /** Model, rollout, batch, plugin and health routes refuse a query parameter they do not take, before acting. */
    @Test
    void unknownQueryParametersAreRefusedOnModelPluginAndHealthRoutes() {
        assertThat(unknownParameter(fixture.get("/api/v1/plugins/clinic?verison=1.0.0"), "verison")).contains("did you mean 'version'?");
        assertThat(unknownParameter(fixture.delete("/api/v1/plugins/clinic?forse=true"), "forse")).contains("did you mean 'force'?");
        assertThat(fixture.get("/api/v1/plugins/clinic").json().get("state").asText()).isEqualTo("STARTED");
        assertThat(unknownParameter(fixture.postJson("/api/v1/plugins/clinic/disable?verison=1.0.0", ""), "verison"))
                .contains("did you mean 'version'?");
        assertThat(fixture.get("/api/v1/plugins/clinic").json().get("state").asText()).isEqualTo("STARTED");
        unknownParameter(fixture.postJson("/api/v1/plugins/clinic/enable?x=1", ""), "x");
        assertThat(unknownParameter(fixture.get("/api/v1/plugins?limit=5"), "limit")).contains("it takes none");
        assertThat(unknownParameter(fixture.get("/api/v1/models/risk/history?att=2026-01-01T00:00:00Z"), "att"))
                .contains("did you mean 'at'?");
        assertThat(unknownParameter(predict("/api/v1/models/risk/batch-jobs?formt=csv", "glucose\n100\n"), "formt"))
                .contains("did you mean 'format'?");
        for (String path : new String[] {"/api/v1/models?limit=5", "/api/v1/models/risk?version=1", "/api/v1/models/risk/versions/1?x=1",
                "/api/v1/models/risk/traffic?x=1", "/api/v1/models/risk/versions/1/artifact?x=1", "/api/v1/models/risk/batch-jobs?x=1",
                "/api/v1/health?verbose=true", "/api/v1/health/ready?verbose=true"}) {
            assertThat(unknownParameter(fixture.get(path), path.substring(path.indexOf('?') + 1, path.indexOf('='))))
                    .as(path).contains("it takes none");
        }
        unknownParameter(fixture.postJson("/api/v1/models/risk/rollback?x=1", ""), "x");
        unknownParameter(fixture.postJson("/api/v1/models/risk/versions/1/archive?x=1", ""), "x");
        unknownParameter(fixture.postJson("/api/v1/models?x=1", "{}"), "x");
        assertThat(fixture.get("/api/v1/models/risk").json().get("productionVersion").asInt()).isEqualTo(1);
    }

    private static String unknownParameter(HostFixture.Response response, String name) {
        JsonNode refused = problem(response, 400);
        assertThat(refused.get("field").asText()).isEqualTo(name);
        assertThat(refused.get("detail").asText()).contains("unknown query parameter '" + name + "'");
        return refused.get("detail").asText();
    }

    @Test
    void unknownRoutesAndOpenRoutes() {
        problem(fixture.get("/api/v1/nothing-here"), 404);
        problem(fixture.get("/api/v1/../../etc/passwd"), 404);
        assertThat(fixture.send("GET", "/metrics", null, null, HttpRequest.BodyPublishers.noBody()).body()).contains("http_server_requests");
        assertThat(fixture.send("GET", "/api/openapi.json", null, null, HttpRequest.BodyPublishers.noBody()).status()).isEqualTo(200);
    }

    private HostFixture.Response predict(String path, String body) {
        return fixture.send("POST", path, HostFixture.ADMIN, "application/json", HttpRequest.BodyPublishers.ofString(body));
    }

    /**
     * A POST that declares a body of {@code declared} bytes and asks to continue before sending it: the
     * host must refuse it from the headers alone (java.net.http does not let a test declare a length it does not send).
     */
    private HostFixture.Response rawPost(String path, String contentType, long declared) {
        try (Socket socket = new Socket(fixture.host.uri().getHost(), fixture.host.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + HostFixture.ADMIN
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + declared + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = line(in);
            int status = Integer.parseInt(head.substring(9, 12));
            String type = "";
            long length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    type = header.substring(13).trim();
                } else if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (lower.equals("transfer-encoding: chunked")) {
                    chunked = true;
                }
            }
            StringBuilder body = new StringBuilder();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                    line(in);
                }
            } else {
                body.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
            }
            return new HostFixture.Response(status, type, body.toString(), fixture.json.readTree(body.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
