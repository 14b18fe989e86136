package org.baihua.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.server.HostFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text task over REST and {@code baihua train} on a host whose {@code encoder.default} reads Chinese only:
 * English data without a named encoder is refused; named, MiniLM's 256-token window is too short for most
 * texts, so the run chooses chunk, and the output says which encoder, why, what happened to the long texts
 * and the cross-validated spread.
 */
class LongTextTrainingIT {

    private static final String[][] TOPICS = {
        {"cardiology", "the patient reports chest pain", "an irregular heartbeat was recorded", "blood pressure stays high",
            "shortness of breath on exertion", "the cardiologist ordered an echocardiogram"},
        {"maintenance", "the hydraulic pump leaks oil", "a worn bearing was replaced", "the conveyor belt jammed twice",
            "the motor is overheating", "oil pressure dropped below the limit"},
        {"billing", "the invoice is overdue", "the customer asks for a refund", "the credit card was charged twice",
            "the wire transfer failed", "the billing address must be updated"},
    };

    @TempDir
    Path tmp;

    private static CliRun run(HostFixture host, String... args) {
        return CliRun.against(host.host.uri(), HostFixture.ADMIN, args);
    }

    /** A note of 35-45 sentences of one topic: about 300-450 MiniLM tokens, more than its 256-token window. */
    private static String longNote(String[] topic, Random random) {
        StringBuilder text = new StringBuilder();
        int sentences = 35 + random.nextInt(11);
        for (int i = 0; i < sentences; i++) {
            text.append(topic[1 + random.nextInt(topic.length - 1)]).append(i % 3 == 0 ? " today. " : ". ");
        }
        return text.toString().strip();
    }

    @Test
    void englishTextOnAChineseDefaultIsRefusedAndLongTextsAreChunkedWithTheReasonPrinted() throws Exception {
        try (HostFixture host = new HostFixture(tmp.resolve("host"), Map.of("encoder.default", "bge-small-zh-v15-q"))) {
            Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                    .domain("fixture.notes.NotesDomain", "notes").build("notes.zip");
            host.get(PluginHost.class).install(zip);
            Random random = new Random(12);
            StringBuilder csv = new StringBuilder("text,label\n");
            for (int i = 0; i < 14; i++) {
                for (String[] topic : TOPICS) {
                    csv.append('"').append(longNote(topic, random)).append("\",").append(topic[0]).append('\n');
                }
            }
            HostFixture.Response ingested = host.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", csv.toString());
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
            assertThat(ingested.json().get("language").asText()).isEqualTo("en");
            String dataset = ingested.json().get("id").asText();

            // no encoder reads English by default here: refused before anything is queued, saying what to do
            HostFixture.Response refused = host.postJson("/api/v1/models",
                    "{\"name\": \"notes\", \"domain\": \"notes\", \"task\": \"topic\", \"dataset\": \"" + dataset + "\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("field").asText()).isEqualTo("encoder");
            assertThat(refused.json().get("detail").asText()).contains("is in English (en)", "encoder.default 'bge-small-zh-v15-q'",
                    "\"encoder\": \"bge-small-en-v15\"");
            assertThat(host.get("/api/v1/jobs").json()).isEmpty();
            CliRun refusedCli = run(host, "train", "--name", "notes", "--domain", "notes", "--task", "topic", "--dataset", dataset);
            assertThat(refusedCli.exit()).isEqualTo(1);
            assertThat(refusedCli.err()).contains("is in English (en)").contains("(HTTP 400)");

            CliRun train = run(host, "train", "--name", "notes", "--domain", "notes", "--task", "topic", "--dataset", dataset,
                    "--encoder", "all-minilm-l6-v2-q", "--epochs", "60", "--learning-rate", "0.01", "--seed", "5");
            assertThat(train.exit()).as(train.out() + train.err()).isZero();
            assertThat(train.out()).contains("version 1: READY")
                    .contains(", encoder all-minilm-l6-v2-q (named in the request)")
                    .containsPattern("long texts: \\d+ of 42 exceed 256 tokens; chunk: split into overlapping windows of 256 tokens")
                    .containsPattern("cross-validation \\(5-fold x 2, \\d+ rows\\): macro_f1 (0\\.\\d{3}|1\\.000) \\+/- 0\\.\\d{3}")
                    .containsPattern("calibration: temperature \\d+\\.\\d\\d fitted on out-of-fold, ECE 0\\.\\d{3} -> 0\\.\\d{3}");

            JsonNode version = host.get("/api/v1/models/notes/versions/1").json();
            JsonNode longTexts = version.get("metrics").get("longTexts");
            assertThat(longTexts.get("encoderId").asText()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(longTexts.get("window").asInt()).isEqualTo(256);
            assertThat(longTexts.get("strategy").asText()).isEqualTo("chunk");
            assertThat(longTexts.get("p90Tokens").asInt()).isGreaterThan(256);
            assertThat(longTexts.get("reason").asText()).isEqualTo("90th percentile text has " + longTexts.get("p90Tokens").asInt()
                    + " tokens, the window 256");
            assertThat(longTexts.get("texts").asLong()).isEqualTo(42);
            assertThat(longTexts.get("longTexts").asLong()).isGreaterThan(30);
            assertThat(longTexts.get("textsWithDroppedTokens").asLong()).as("every text fits in 16 windows").isZero();
            assertThat(version.get("lineage").get("encoderReason").asText()).isEqualTo("named in the request");

            // serving embeds a long text the same way
            assertThat(host.postJson("/api/v1/models/notes/versions/1/promote", "").status()).isEqualTo(200);
            HostFixture.Response predicted = host.postJson("/api/v1/models/notes/predict",
                    "{\"records\": [{\"text\": \"" + longNote(TOPICS[1], new Random(99)) + "\"}]}");
            assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
            assertThat(predicted.json().get("predictions").get(0).get("label").asText()).isEqualTo("maintenance");
        }
    }
}
