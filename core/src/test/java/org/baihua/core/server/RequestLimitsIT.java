package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.encoder.EncoderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work of one request is bounded: a short predict is answered while a long call runs, a client
 * that goes away frees the encoder's workers, a request past its deadline is stopped with 504 naming
 * the limit, and past the records in flight or a full training queue the host answers 503 with
 * {@code Retry-After}, while it keeps answering.
 */
class RequestLimitsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Sends JSON with the admin key; the answer keeps its headers (HostFixture's does not). */
    private static HttpResponse<String> send(HostFixture fixture, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.host.uri() + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + HostFixture.ADMIN).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String TRAIN_CLINIC = """
            {"name": "risk", "domain": "clinic", "task": "risk", "dataset": "%s", "training": {"epochs": 20, "seed": 3}}
            """;
    private static final String PREDICT_CLINIC = "{\"records\": [{\"glucose\": 150, \"bmi\": 31, \"sex\": \"f\"}]}";

    /** A JSON embed body of {@code count} distinct texts (distinct, so the embedding cache cannot answer them). */
    private static String manyTexts(int count) {
        StringBuilder body = new StringBuilder("{\"texts\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("\"text number ").append(i).append(" about pumps, valves and chest pain\"");
        }
        return body.append("]}").toString();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aShortPredictIsAnsweredWhileALongCallRunsAndAClientThatDisconnectsFreesTheEncoderWorkers(@TempDir Path tmp) throws Exception {
        // A deadline far away, so only the disconnect can stop the work.
        try (HostFixture fixture = new HostFixture(tmp, Map.of("limits.request-timeout-ms", "3600000"))) {
            fixture.get(PluginHost.class).install(new PluginFixtures(java.nio.file.Files.createDirectories(tmp.resolve("fixtures")))
                    .plugin("notes").domain("fixture.notes.NotesDomain", "notes").build("notes.zip"));
            StringBuilder csv = new StringBuilder("text,label\n");
            for (int i = 0; i < 8; i++) {
                csv.append("pump ").append(i).append(" leaks oil,maintenance\n").append("invoice ").append(i).append(" is overdue,billing\n");
            }
            String dataset = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", csv.toString()).json().get("id").asText();
            HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                    {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s", "training": {"epochs": 20, "seed": 1}}
                    """.formatted(dataset));
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            assertThat(fixture.awaitJob(queued.json().get("job").asText(), 300).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(fixture.postJson("/api/v1/models/triage/versions/1/promote", "").status()).isEqualTo(200);
            // The long call runs on the encoder the model predicts with, so both share its workers.
            String id = fixture.get("/api/v1/models/triage/versions/1").json().get("lineage").get("encoderId").asText();
            EncoderCatalog encoders = fixture.get(EncoderCatalog.class);
            assertThat(fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": [\"warm up\"]}").status()).isEqualTo(200);
            byte[] body = manyTexts(50_000).getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket(fixture.host.uri().getHost(), fixture.host.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/encoders/" + id + "/embed HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + HostFixture.ADMIN + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                await(() -> encoders.queuedTexts(id) > 1_000, Duration.ofMinutes(2), "the large call is queued");
                // A one-record predict is served between the long call's texts, not after them.
                HostFixture.Response shortCall = fixture.postJson("/api/v1/models/triage/predict",
                        "{\"records\": [{\"text\": \"the hydraulic pump leaks since monday\"}]}");
                assertThat(shortCall.status()).as(shortCall.body()).isEqualTo(200);
                assertThat(shortCall.json().get("predictions")).hasSize(1);
                assertThat(encoders.queuedTexts(id)).as("texts of the long call still queued once the short one is answered").isPositive();
                assertThat(socket.getInputStream().available()).as("bytes of an answer to the long call").isZero();
            }
            // The client is gone: its queued texts (tens of thousands, over a minute of work on two
            // cores) leave the workers' queue long before they could all be embedded.
            await(() -> encoders.queuedTexts(id) == 0, Duration.ofSeconds(30), "the queued texts of the closed request are dropped");
            JsonNode small = fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": [\"after\"]}").json();
            assertThat(small.get("vectors")).hasSize(1);
            assertThat(fixture.get("/api/v1/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestPastItsDeadlineIsStoppedWith504(@TempDir Path tmp) throws IOException {
        try (HostFixture fixture = new HostFixture(tmp, Map.of("limits.request-timeout-ms", "300"))) {
            String id = fixture.get("/api/v1/encoders").json().get(0).get("id").asText();
            EncoderCatalog encoders = fixture.get(EncoderCatalog.class);
            HostFixture.Response response = fixture.postJson("/api/v1/encoders/" + id + "/embed", manyTexts(20_000));
            assertThat(response.status()).as(response.body()).isEqualTo(504);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText()).contains("300 ms", "limits.request-timeout-ms");
            await(() -> encoders.queuedTexts(id) == 0, Duration.ofMinutes(1), "the timed-out request's texts are dropped");
            String tooLong = "y".repeat(100_001);
            HostFixture.Response refused = fixture.postJson("/api/v1/encoders/" + id + "/embed", "{\"texts\": [\"a\", \"" + tooLong + "\"]}");
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.json().get("field").asText()).isEqualTo("texts[1]");
        }
    }

    @Test
    void pastTheRecordsInFlightAPredictIsRefusedWith503AndRetryAfter(@TempDir Path tmp) throws Exception {
        // One record in flight at most; a second call waits min(deadline / 2, 10 s) for room, then hears 503.
        try (HostFixture fixture = new HostFixture(tmp, Map.of("limits.max-inflight-records", "1", "limits.request-timeout-ms", "12000",
                "serving.warm-up", "false"))) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.gatedZip(tmp.resolve("fixtures")));
            HostFixture.Response queued = fixture.postJson("/api/v1/models", TRAIN_CLINIC.formatted(ClinicFixture.ingest(fixture, 60, 1)));
            assertThat(fixture.awaitJob(queued.json().get("job").asText(), 120).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(fixture.postJson("/api/v1/models/risk/versions/1/promote", "").status()).isEqualTo(200);
            try (PluginGate gate = new PluginGate("transform")) {
                CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
                    try {
                        return send(fixture, "/api/v1/models/risk/predict", PREDICT_CLINIC);
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                gate.awaitEntered();
                HttpResponse<String> refused = send(fixture, "/api/v1/models/risk/predict", PREDICT_CLINIC);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(refused.body()).contains("More than 1 predict records are in flight", "limits.max-inflight-records");
                assertThat(held).as("the held call is still in flight").isNotDone();
                gate.open();
                HttpResponse<String> heldAnswer = held.get(2, TimeUnit.MINUTES);
                assertThat(heldAnswer.statusCode()).as(heldAnswer.body()).isEqualTo(200);
            }
            // Its records released, the next call goes through.
            assertThat(fixture.postJson("/api/v1/models/risk/predict", PREDICT_CLINIC).status()).isEqualTo(200);
        }
    }

    @Test
    void aFullTrainingQueueAnswers503WithRetryAfter(@TempDir Path tmp) throws Exception {
        // No job may wait beside the one running.
        try (HostFixture fixture = new HostFixture(tmp, Map.of("jobs.queue-length", "0", "jobs.concurrency", "1"))) {
            fixture.postBytes("/api/v1/plugins", ClinicFixture.gatedZip(tmp.resolve("fixtures")));
            String dataset = ClinicFixture.ingest(fixture, 60, 1);
            String running;
            try (PluginGate gate = new PluginGate("fit")) {
                HostFixture.Response first = fixture.postJson("/api/v1/models", TRAIN_CLINIC.formatted(dataset));
                assertThat(first.status()).as(first.body()).isEqualTo(202);
                running = first.json().get("job").asText();
                gate.awaitEntered();
                HttpResponse<String> refused = send(fixture, "/api/v1/models", TRAIN_CLINIC.formatted(dataset));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
                assertThat(refused.body()).contains("The training queue is full", "jobs.queue-length");
            }
            assertThat(fixture.awaitJob(running, 120).get("state").asText()).isEqualTo("SUCCEEDED");
            HostFixture.Response after = fixture.postJson("/api/v1/models", TRAIN_CLINIC.formatted(dataset));
            assertThat(after.status()).as("once the job has finished: " + after.body()).isEqualTo(202);
            assertThat(fixture.awaitJob(after.json().get("job").asText(), 120).get("state").asText()).isEqualTo("SUCCEEDED");
        }
    }
}
