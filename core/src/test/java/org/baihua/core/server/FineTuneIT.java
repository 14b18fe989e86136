package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.registry.JobInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoder fine-tuning end to end on a real host with the bundled fp32 encoder, kept small for CI (a
 * few dozen texts, the top layer, one epoch): train, promote, predict, restart the host, the same
 * answers, roll back to a frozen version, archive the fine-tuned one and its encoder session goes;
 * a cancel in the middle of fine-tuning leaves no artifact; bad requests are refused up front.
 */
class FineTuneIT {

    private static final String PREDICT = """
            {"records": [{"text": "my chest pain is getting worse"}, {"text": "the hydraulic pump is leaking oil"},
                         {"text": "please refund my payment"}]}""";

    @TempDir
    Path tmp;

    private static Path notesPlugin(Path tmp) throws Exception {
        return new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes").build("notes.zip");
    }

    private static String ingest(HostFixture fixture, int rowsPerTopic) {
        HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv",
                LifecycleIT.dataset(rowsPerTopic, 1));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        return ingested.json().get("id").asText();
    }

    private static JsonNode queue(HostFixture fixture, String dataset, String encoder) {
        HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s",
                 "training": {"epochs": 40, "learningRate": 0.01, "seed": 5%s}}
                """.formatted(dataset, encoder == null ? "" : ", \"encoder\": " + encoder));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        return queued.json();
    }

    private static JsonNode train(HostFixture fixture, String dataset, String encoder) {
        JsonNode queued = queue(fixture, dataset, encoder);
        JsonNode done = fixture.awaitJob(queued.get("job").asText(), 600);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        return queued;
    }

    private static JsonNode predict(HostFixture fixture, String version) {
        HostFixture.Response answer = fixture.postJson("/api/v1/models/triage/predict" + version, PREDICT);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static double tunedLoaded(HostFixture fixture) {
        return fixture.get(MeterRegistry.class).get("baihua.encoder.tuned.loaded").gauge().value();
    }

    @Test
    void fineTunedVersionServesSurvivesARestartRollsBackAndReleasesItsEncoder() throws Exception {
        JsonNode tunedAnswers;
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(notesPlugin(tmp));
            String dataset = ingest(fixture, 10);
            train(fixture, dataset, null);
            fixture.events.clear();
            JsonNode queued = train(fixture, dataset, "{\"mode\": \"fine-tune\", \"layers\": 1, \"epochs\": 1}");
            assertThat(queued.get("version").asInt()).isEqualTo(2);

            // per-step progress: steps, tokens/s, loss, ETA
            List<JsonNode> steps = new ArrayList<>();
            fixture.events.forEach(e -> {
                if (e.get("progress").get("phase").asText().equals("fine-tuning") && e.get("progress").hasNonNull("step")) {
                    steps.add(e.get("progress"));
                }
            });
            assertThat(steps).isNotEmpty();
            JsonNode step = steps.get(0);
            assertThat(step.get("step").asLong()).isPositive();
            assertThat(step.get("steps").asLong()).isGreaterThanOrEqualTo(step.get("step").asLong());
            assertThat(step.get("tokensPerSecond").asDouble()).isPositive();
            assertThat(step.get("loss").asDouble()).isPositive();
            assertThat(step.hasNonNull("etaSeconds")).isTrue();

            JsonNode version = fixture.get("/api/v1/models/triage/versions/2").json();
            System.out.println("fine-tuned version: timings " + version.get("timings") + ", frozen version: timings "
                    + fixture.get("/api/v1/models/triage/versions/1").json().get("timings"));
            JsonNode tuning = version.get("lineage").get("training").get("encoder");
            assertThat(tuning.get("mode").asText()).isEqualTo("fine-tune");
            assertThat(tuning.get("layers").asInt()).isEqualTo(1);
            assertThat(version.get("lineage").get("encoderId").asText()).isEqualTo("bge-small-en-v15");
            JsonNode report = version.get("metrics").get("fineTuning");
            assertThat(report.get("baseEncoder").asText()).isEqualTo("bge-small-en-v15");
            assertThat(report.get("layers").asInt()).isEqualTo(1);
            assertThat(report.get("steps").asLong()).isPositive();
            assertThat(report.get("parity").get("minimumCosine").asDouble()).isGreaterThanOrEqualTo(0.99999);
            assertThat(report.get("exportParity").get("minimumCosine").asDouble()).isGreaterThanOrEqualTo(0.9999);
            String sha = report.get("modelSha256").asText();
            assertThat(sha).hasSize(64);
            JsonNode frozenLineage = fixture.get("/api/v1/models/triage/versions/1").json().get("lineage");
            assertThat(frozenLineage.get("training").get("encoder").get("mode").asText()).isEqualTo("frozen");

            // the tuned encoder is part of the artifact, with its checksum, and of the export
            Path zip = tmp.resolve("export.zip");
            try (var out = Files.newOutputStream(zip)) {
                fixture.get(org.baihua.core.registry.ModelRegistry.class).exportArtifact("triage", 2, out);
            }
            List<String> entries = new ArrayList<>();
            try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
                file.stream().forEach(entry -> entries.add(entry.getName()));
            }
            assertThat(entries).contains("triage-v2/head.onnx", "triage-v2/encoder/model.onnx", "triage-v2/encoder/tokenizer.json",
                    "triage-v2/encoder/encoder.json");
            Path folder = fixture.dataDir.resolve("artifacts").resolve("triage").resolve("2");
            assertThat(folder.resolve("encoder").resolve("model.onnx")).isRegularFile();
            assertThat(Files.readString(folder.resolve("manifest.json"))).contains("encoder/model.onnx").contains(sha);
            assertThat(Files.exists(fixture.get(EncoderCatalog.class).tuningScratch().resolve(queued.get("job").asText())))
                    .as("the job's scratch folder is gone").isFalse();

            fixture.postJson("/api/v1/models/triage/versions/1/promote", "");
            fixture.postJson("/api/v1/models/triage/versions/2/promote", "");
            tunedAnswers = predict(fixture, "");
            assertThat(tunedAnswers.get("version").asInt()).isEqualTo(2);
            assertThat(tunedAnswers.get("predictions")).extracting(p -> p.get("label").asText())
                    .containsExactly("cardiology", "maintenance", "billing");
            assertThat(tunedLoaded(fixture)).isEqualTo(1);
            HostFixture.Response explained = fixture.postJson("/api/v1/models/triage/predict",
                    "{\"records\": [{\"text\": \"the hydraulic pump is leaking\"}], \"explain\": true}");
            assertThat(explained.status()).as(explained.body()).isEqualTo(200);
            assertThat(explained.json().get("predictions").get(0).get("explanation").get("words")).isNotEmpty();
        }

        try (HostFixture restarted = new HostFixture(tmp, Map.of())) {
            assertThat(tunedLoaded(restarted)).isZero();
            JsonNode again = predict(restarted, "");
            assertThat(again).isEqualTo(tunedAnswers);
            assertThat(tunedLoaded(restarted)).isEqualTo(1);

            JsonNode rolledBack = restarted.postJson("/api/v1/models/triage/rollback", "").json();
            assertThat(rolledBack.get("version").asInt()).isEqualTo(1);
            JsonNode frozen = predict(restarted, "");
            assertThat(frozen.get("version").asInt()).isEqualTo(1);
            assertThat(frozen.get("predictions")).extracting(p -> p.get("label").asText())
                    .containsExactly("cardiology", "maintenance", "billing");
            assertThat(tunedLoaded(restarted)).as("version 2 is still loaded until archived").isEqualTo(1);

            HostFixture.Response archived = restarted.postJson("/api/v1/models/triage/versions/2/archive", "");
            assertThat(archived.status()).as(archived.body()).isEqualTo(200);
            assertThat(tunedLoaded(restarted)).as("archiving released the fine-tuned encoder").isZero();
            assertThat(predict(restarted, "").get("version").asInt()).isEqualTo(1);
        }
    }

    @Test
    void cancelInTheMiddleOfFineTuningLeavesNoArtifact() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(notesPlugin(tmp));
            String dataset = ingest(fixture, 20);
            JsonNode queued = queue(fixture, dataset, "{\"mode\": \"fine-tune\", \"layers\": 2, \"epochs\": 3}");
            String job = queued.get("job").asText();
            TrainingJobs jobs = fixture.get(TrainingJobs.class);
            // subscribers run on the job's thread: the cancel lands before the next step
            jobs.events().subscribe(job, update -> {
                if (update.progress().step() != null && update.progress().step() >= 1) {
                    jobs.cancel(job);
                }
            });
            JobInfo done = jobs.await(job, java.time.Duration.ofMinutes(10));
            assertThat(done.state().name()).as(done.toString()).isEqualTo("CANCELLED");
            assertThat(done.progress().phase()).isEqualTo("fine-tuning");
            assertThat(fixture.get("/api/v1/models/triage/versions/1").json().get("state").asText()).isEqualTo("CANCELLED");
            assertThat(fixture.dataDir.resolve("artifacts").resolve("triage").resolve("1")).doesNotExist();
            assertThat(fixture.get(EncoderCatalog.class).tuningScratch().resolve(job)).doesNotExist();
            assertThat(fixture.get("/api/v1/models/triage/versions/1/artifact").status()).isEqualTo(409);
            assertThat(fixture.get("/api/v1/jobs/" + job).json().get("state").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void fineTuningRequestsThatCannotWorkAreRefusedWithTheReason() throws Exception {
        try (HostFixture fixture = new HostFixture(tmp, Map.of())) {
            fixture.get(PluginHost.class).install(notesPlugin(tmp));
            fixture.get(PluginHost.class).install(ClinicFixture.pluginZip(tmp.resolve("clinic")));
            String notes = ingest(fixture, 2);
            String clinic = ClinicFixture.ingest(fixture, 20, 1);

            HostFixture.Response int8 = fixture.postJson("/api/v1/models", """
                    {"name": "q", "domain": "notes", "task": "topic", "dataset": "%s", "encoder": "all-minilm-l6-v2-q",
                     "training": {"encoder": {"mode": "fine-tune"}}}""".formatted(notes));
            assertThat(int8.status()).isEqualTo(400);
            assertThat(int8.contentType()).startsWith("application/problem+json");
            assertThat(int8.json().get("detail").asText()).contains("all-minilm-l6-v2-q").contains("int8")
                    .contains("bge-small-en-v15");

            HostFixture.Response tabular = fixture.postJson("/api/v1/models", """
                    {"name": "t", "domain": "clinic", "task": "risk", "dataset": "%s",
                     "training": {"encoder": {"mode": "fine-tune", "layers": 2}}}""".formatted(clinic));
            assertThat(tabular.status()).isEqualTo(400);
            assertThat(tabular.json().get("detail").asText()).contains("no text field");

            for (String bad : List.of("{\"mode\": \"thaw\"}", "{\"mode\": \"fine-tune\", \"layers\": \"some\"}",
                    "{\"mode\": \"fine-tune\", \"layers\": 0}", "{\"mode\": \"fine-tune\", \"learningRate\": 1}",
                    "{\"mode\": \"frozen\", \"layers\": 2}")) {
                HostFixture.Response refused = fixture.postJson("/api/v1/models", """
                        {"name": "b", "domain": "notes", "task": "topic", "dataset": "%s", "training": {"encoder": %s}}"""
                        .formatted(notes, bad));
                assertThat(refused.status()).as(bad + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.json().get("detail").asText()).as(bad).contains("training.encoder");
            }
            assertThat(fixture.get("/api/v1/models").json()).as("nothing was queued").isEmpty();
        }
    }
}
