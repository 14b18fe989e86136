package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model lifecycle end to end over REST on a real host with the real shared encoder: ingest,
 * train, READY with metrics, promote, predict, v2, rollback, archive, delete.
 */
class LifecycleIT {

    private static final String[][] TOPICS = {
        {"cardiology", "chest pain", "heart attack", "irregular heartbeat", "high blood pressure", "shortness of breath on exertion"},
        {"maintenance", "hydraulic pump leak", "replace worn bearing", "conveyor belt jammed", "motor overheating", "oil pressure low"},
        {"billing", "invoice overdue", "refund the payment", "credit card charged twice", "wire transfer failed", "update billing address"},
    };

    @TempDir
    Path tmp;

    private HostFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new HostFixture(tmp, Map.of());
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes").build("notes.zip");
        fixture.get(PluginHost.class).install(zip);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    static String dataset(int rowsPerTopic, long seed) {
        Random random = new Random(seed);
        String[] openers = {"Customer reports", "Ticket about", "Note:", "Patient mentions", "Operator says", "Urgent:"};
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < rowsPerTopic; i++) {
            for (String[] topic : TOPICS) {
                String phrase = topic[1 + random.nextInt(topic.length - 1)];
                csv.append('"').append(openers[random.nextInt(openers.length)]).append(' ').append(phrase)
                        .append(" since ").append(1 + random.nextInt(9)).append(" days").append('"').append(',').append(topic[0]).append('\n');
            }
        }
        return csv.toString();
    }

    private JsonNode train(String dataset, long seed) {
        HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s",
                 "training": {"epochs": 100, "learningRate": 0.01, "seed": %d, "patience": 10}}
                """.formatted(dataset, seed));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        JsonNode done = fixture.awaitJob(queued.json().get("job").asText(), 300);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        return queued.json();
    }

    private List<String> predict(String... texts) {
        StringBuilder records = new StringBuilder();
        for (String text : texts) {
            records.append(records.length() == 0 ? "" : ",").append("{\"text\": \"").append(text).append("\"}");
        }
        HostFixture.Response answer = fixture.postJson("/api/v1/models/triage/predict", "{\"records\": [" + records + "]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> labels = new ArrayList<>();
        labels.add("v" + answer.json().get("version").asInt());
        answer.json().get("predictions").forEach(p -> labels.add(p.get("label").asText()));
        return labels;
    }

    @Test
    void ingestTrainPromotePredictRollbackArchiveDelete() throws Exception {
        HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", dataset(40, 1));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        String dataset = ingested.json().get("id").asText();

        JsonNode v1 = train(dataset, 7);
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(fixture.events).extracting(e -> e.get("state").asText()).contains("RUNNING").endsWith("SUCCEEDED");
        assertThat(fixture.events).anySatisfy(e -> assertThat(e.get("progress").get("phase").asText()).isEqualTo("training"));
        HostFixture.Response noAccept = fixture.get("/api/v1/jobs/" + v1.get("job").asText() + "/events");
        assertThat(noAccept.status()).isEqualTo(400);
        assertThat(noAccept.json().get("detail").asText()).contains("Accept: text/event-stream");

        JsonNode version = fixture.get("/api/v1/models/triage/versions/1").json();
        assertThat(version.get("state").asText()).isEqualTo("READY");
        assertThat(version.get("metrics").get("test").get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(version.get("lineage").get("datasetId").asText()).isEqualTo(dataset);
        assertThat(version.get("lineage").get("encoderId").asText()).isEqualTo("bge-small-en-v15");
        assertThat(version.get("lineage").get("encoderReason").asText()).isEqualTo("default for the data set's language (en)");
        assertThat(version.get("metrics").get("longTexts").get("strategy").asText()).isEqualTo("truncate");
        assertThat(version.get("metrics").get("longTexts").get("longTexts").asLong()).isZero();
        assertThat(version.get("lineage").get("pluginId").asText()).isEqualTo("notes");
        assertThat(version.get("timings").get("embedding").asLong()).isGreaterThanOrEqualTo(0);

        HostFixture.Response noProduction = fixture.postJson("/api/v1/models/triage/predict", "{\"records\": [{\"text\": \"x\"}]}");
        assertThat(noProduction.status()).isEqualTo(409);
        assertThat(noProduction.json().get("detail").asText()).contains("has no production version");

        assertThat(fixture.postJson("/api/v1/models/triage/versions/1/promote", "").json().get("stage").asText()).isEqualTo("PRODUCTION");
        assertThat(predict("my chest pain is getting worse", "the hydraulic pump is leaking oil", "please refund my payment"))
                .containsExactly("v1", "cardiology", "maintenance", "billing");

        HostFixture.Response explained = fixture.postJson("/api/v1/models/triage/predict",
                "{\"records\": [{\"text\": \"the hydraulic pump is leaking\"}], \"explain\": true}");
        JsonNode explanation = explained.json().get("predictions").get(0).get("explanation");
        assertThat(explanation.get("explained").asText()).isEqualTo("maintenance");
        // With the CLS-pooled default encoder, removing "the" moves the vector a lot too, so the check is that a
        // content word is among the three strongest, not that it is the first.
        List<String> strongest = new ArrayList<>();
        explanation.get("words").forEach(w -> strongest.add(w.get("word").asText()));
        assertThat(strongest.subList(0, Math.min(3, strongest.size()))).containsAnyOf("hydraulic", "pump", "leaking");
        HostFixture.Response repeated = fixture.postJson("/api/v1/models/triage/predict",
                "{\"records\": [{\"text\": \"pump leaking, the pump is leaking again\"}], \"explain\": true}");
        JsonNode words = repeated.json().get("predictions").get(0).get("explanation").get("words");
        List<String> listed = new ArrayList<>();
        words.forEach(w -> listed.add(w.get("word").asText().toLowerCase(java.util.Locale.ROOT)));
        assertThat(listed).doesNotHaveDuplicates().contains("pump");
        words.forEach(w -> {
            if (w.get("word").asText().equals("pump")) {
                assertThat(w.get("positions")).extracting(JsonNode::asInt).containsExactly(0, 3);
            }
        });

        train(dataset, 8);
        fixture.postJson("/api/v1/models/triage/versions/2/promote", "");
        assertThat(predict("invoice is overdue")).containsExactly("v2", "billing");
        assertThat(fixture.postJson("/api/v1/models/triage/rollback", "").json().get("version").asInt()).isEqualTo(1);
        assertThat(predict("invoice is overdue")).containsExactly("v1", "billing");

        HostFixture.Response artifact = fixture.get("/api/v1/models/triage/versions/1/artifact");
        assertThat(artifact.status()).isEqualTo(200);
        HostFixture.Response refused = fixture.delete("/api/v1/models/triage/versions/1");
        assertThat(refused.status()).isEqualTo(409);

        // both versions served a request, so both have a loaded session; archiving one from outside the HTTP
        // handlers (any caller of the registry) drops its session through the registry's events
        io.micrometer.core.instrument.MeterRegistry meters = fixture.get(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.get("baihua.predictor.loaded.versions").gauge().value()).isEqualTo(2);
        assertThat(fixture.get(org.baihua.core.registry.ModelRegistry.class).archive("triage", 2).stage().name()).isEqualTo("ARCHIVED");
        assertThat(meters.get("baihua.predictor.loaded.versions").gauge().value()).isEqualTo(1);
        assertThat(fixture.delete("/api/v1/models/triage/versions/2").status()).isEqualTo(204);
        assertThat(fixture.get("/api/v1/models/triage/versions/2").status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/models/triage").json().get("productionVersion").asInt()).isEqualTo(1);
    }

    @Test
    void everyTrainingParameterGoesFromTheRequestToTheEngineAndIntoTheLineage() {
        // 3 topics x 40 rows = 120; testSplit 0.25 leaves 90 to train on, and validationSplit 0 must hold out none of them
        String dataset = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", dataset(40, 4)).json().get("id").asText();
        HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                {"name": "params", "domain": "notes", "task": "topic", "dataset": "%s",
                 "training": {"epochs": 3, "batchSize": 30, "learningRate": 0.02, "seed": 11, "validationSplit": 0,
                              "testSplit": 0.25, "patience": 0, "warmupFraction": 0.5, "finalLearningRateFraction": 0.25}}
                """.formatted(dataset));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        // a subscriber that throws is dropped with a log line; await still sees the end (it used to hang the demo)
        org.baihua.core.jobs.TrainingJobs jobs = fixture.get(org.baihua.core.jobs.TrainingJobs.class);
        String job = queued.json().get("job").asText();
        jobs.events().subscribe(job, update -> {
            throw new IllegalStateException("a broken subscriber");
        });
        org.baihua.core.registry.JobInfo done = jobs.await(job, java.time.Duration.ofMinutes(5));
        assertThat(done.state().name()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode version = fixture.get("/api/v1/models/params/versions/1").json();

        JsonNode lineage = version.get("lineage");
        assertThat(lineage.get("seed").asLong()).isEqualTo(11);
        JsonNode training = lineage.get("training");
        assertThat(training.get("epochs").asInt()).isEqualTo(3);
        assertThat(training.get("batchSize").asInt()).isEqualTo(30);
        assertThat(training.get("learningRate").asDouble()).isEqualTo(0.02);
        assertThat(training.get("seed").asLong()).isEqualTo(11);
        assertThat(training.get("validationSplit").asDouble()).isZero();
        assertThat(training.get("testSplit").asDouble()).isEqualTo(0.25);
        assertThat(training.get("patience").asInt()).isZero();
        assertThat(training.get("warmupFraction").asDouble()).isEqualTo(0.5);
        assertThat(training.get("finalLearningRateFraction").asDouble()).isEqualTo(0.25);

        JsonNode metrics = version.get("metrics");
        assertThat(metrics.get("split").get("validation").asInt()).isZero();
        assertThat(metrics.get("split").get("test").asInt()).isEqualTo(30);
        assertThat(metrics.get("split").get("train").asInt()).isEqualTo(90);
        // what the engine did: no hidden validation split, every epoch, the batch size and the schedule asked for
        // with no validation split, the evaluation on training rows is reported as such, never as validation
        assertThat(metrics.has("validation")).isFalse();
        assertThat(metrics.get("training").get("split").asText()).isEqualTo("training");
        assertThat(metrics.get("training").get("examples").asInt()).isEqualTo(90);
        assertThat(metrics.get("epochsRun").asInt()).isEqualTo(3);
        JsonNode optimisation = metrics.get("optimisation");
        assertThat(optimisation.get("batchSize").asInt()).isEqualTo(30);
        assertThat(optimisation.get("steps").asLong()).isEqualTo(9);
        assertThat(optimisation.get("schedule").get("peak").asDouble()).isEqualTo(0.02);
        assertThat(optimisation.get("schedule").get("warmupSteps").asLong()).isEqualTo(5); // round(0.5 * 9)
        assertThat(optimisation.get("schedule").get("floorFraction").asDouble()).isEqualTo(0.25);
        // the job summarises its texts (instead of a warning per embedding batch)
        assertThat(metrics.get("texts").get("embedded").asLong()).isEqualTo(120);
        assertThat(metrics.get("texts").get("truncated").asLong()).isZero();
        assertThat(metrics.get("texts").get("maxTokens").asInt()).isPositive();
    }

    @Test
    void artifactZipHoldsTheHeadThePipelineAndTheManifest() throws Exception {
        String dataset = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", dataset(15, 3)).json().get("id").asText();
        train(dataset, 1);
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(java.net.URI.create(fixture.host.uri() + "/api/v1/models/triage/versions/1/artifact"))
                        .header("Authorization", "Bearer " + HostFixture.ADMIN).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        byte[] zip = response.body();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertThat(names).contains("triage-v1/head.onnx", "triage-v1/pipeline.json", "triage-v1/metrics.json", "triage-v1/manifest.json");
    }

    @Test
    void badTrainingRequestsAreRefusedWithTheFieldNamed() {
        String dataset = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", dataset(5, 2)).json().get("id").asText();
        HostFixture.Response unknownField = fixture.postJson("/api/v1/models",
                "{\"name\": \"m\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"" + dataset + "\", \"epochz\": 3}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asText()).contains("unknown field 'epochz'");
        HostFixture.Response wrongType = fixture.postJson("/api/v1/models",
                "{\"name\": \"m\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"" + dataset + "\", \"training\": {\"epochs\": \"many\"}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("field").asText()).isEqualTo("training.epochs");
        HostFixture.Response badRange = fixture.postJson("/api/v1/models",
                "{\"name\": \"m\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"" + dataset + "\", \"training\": {\"epochs\": 0}}");
        assertThat(badRange.json().get("detail").asText()).contains("training.epochs must be in [1, 10000], was 0");
        HostFixture.Response missing = fixture.postJson("/api/v1/models", "{\"domain\": \"notes\"}");
        assertThat(missing.json().get("detail").asText()).contains("'name' is required");
        HostFixture.Response badName = fixture.postJson("/api/v1/models",
                "{\"name\": \"../x\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"" + dataset + "\"}");
        assertThat(badName.status()).isEqualTo(400);
        HostFixture.Response noDataset = fixture.postJson("/api/v1/models",
                "{\"name\": \"m\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"ds-nope\"}");
        assertThat(noDataset.status()).isEqualTo(404);
        HostFixture.Response malformed = fixture.postJson("/api/v1/models", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).contains("not valid JSON");
        HostFixture.Response wrongContentType = fixture.postText("/api/v1/models", "text/plain", "{}");
        assertThat(wrongContentType.status()).isEqualTo(415);
        assertThat(fixture.get("/api/v1/models/nope").status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/models/triage/versions/abc").status()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/jobs/job-nope/events").status()).isEqualTo(404);
    }
}
