package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.baihua.core.encoder.EncoderCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work of one request is bounded: a client that goes away frees the encoder's workers, and a
 * request past its deadline is stopped with 504 naming the limit, while the host keeps answering.
 */
class RequestLimitsIT {

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
    void aClientThatDisconnectsFreesTheEncoderWorkers(@TempDir Path tmp) throws IOException {
        // A deadline far away, so only the disconnect can stop the work.
        try (HostFixture fixture = new HostFixture(tmp, Map.of("limits.request-timeout-ms", "3600000"))) {
            String id = fixture.get("/api/v1/encoders").json().get(0).get("id").asText();
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
}
