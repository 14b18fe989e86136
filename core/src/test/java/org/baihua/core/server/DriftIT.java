package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift (issue 16): a model with a text, two numeric and a categorical input; windows of 300 requests
 * replace each other (sample rate 1, window 300). Drawn from the training distribution: ok. One numeric
 * input shifted: alert on that input only. Texts of another domain: alert on the text input and its
 * embedding, the other inputs ok.
 */
class DriftIT {

    private static final String[][] TOPICS = {
        {"cardiology", "chest pain", "heart attack", "irregular heartbeat", "high blood pressure", "shortness of breath on exertion"},
        {"maintenance", "hydraulic pump leak", "replace worn bearing", "conveyor belt jammed", "motor overheating", "oil pressure low"},
        {"billing", "invoice overdue", "refund the payment", "credit card charged twice", "wire transfer failed", "update billing address"},
    };
    private static final String[] OPENERS = {"Customer reports", "Ticket about", "Note:", "Patient mentions", "Operator says", "Urgent:"};
    private static final String[] CHANNELS = {"web", "web", "web", "web", "web", "phone", "phone", "phone", "mail", "mail"};
    private static final String[] ELSEWHERE = {
        "Whisk the eggs with sugar until pale, then fold in the sifted flour and bake for twenty minutes",
        "The striker curled a free kick into the top corner in the last minute of extra time",
        "Roast the vegetables with olive oil, garlic and rosemary until golden and crisp at the edges",
        "The orchestra closed the festival with a slow movement from a late symphony",
        "Our hiking trail climbs through pine forest to a glacier lake above the valley",
        "She planted tulip bulbs along the fence before the first frost of the autumn",
    };

    @TempDir
    Path tmp;

    @Test
    void reportsOkForTrainingLikeTrafficAndAlertsOnTheInputThatMoved() throws Exception {
        long started = System.nanoTime();
        try (HostFixture fixture = new HostFixture(tmp, Map.of("drift.sample-rate", "1", "drift.window", "300",
                "drift.min-samples", "150"))) {
            fixture.get(PluginHost.class).install(pluginZip(tmp.resolve("fixtures")));
            HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=desk&task=ticket", "text/csv", csv(120, 1));
            assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
            HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                    {"name": "watch", "domain": "desk", "task": "ticket", "dataset": "%s",
                     "training": {"epochs": 40, "learningRate": 0.01, "seed": 3, "patience": 5}}
                    """.formatted(ingested.json().get("id").asText()));
            assertThat(queued.status()).as(queued.body()).isEqualTo(202);
            assertThat(fixture.awaitJob(queued.json().get("job").asText(), 300).get("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(fixture.postJson("/api/v1/models/watch/versions/1/promote", "").status()).isEqualTo(200);
            long trained = System.nanoTime();

            JsonNode empty = drift(fixture);
            assertThat(empty.get("status").asText()).isEqualTo("not-enough-data");
            assertThat(empty.get("samples").asInt()).isZero();
            assertThat(empty.get("window").asInt()).isEqualTo(300);
            assertThat(empty.get("inputs")).hasSize(4);
            badInputs(fixture);

            // the warm-up's synthetic records are not sampled: the window holds only what is sent here
            send(fixture, 300, 2, 0, false);
            JsonNode ok = drift(fixture);
            print("training distribution", ok);
            assertThat(ok.get("samples").asInt()).isEqualTo(300);
            assertThat(ok.get("status").asText()).as(ok.toPrettyString()).isEqualTo("ok");
            for (String field : new String[] {"text", "amount", "age", "channel"}) {
                assertThat(input(ok, field).get("status").asText()).as(field + ": " + input(ok, field)).isEqualTo("ok");
            }
            assertThat(input(ok, "text").get("embedding").get("status").asText()).isEqualTo("ok");
            assertThat(ok.get("labels").get("status").asText()).isEqualTo("ok");

            send(fixture, 300, 3, 60, false);
            JsonNode shifted = drift(fixture);
            print("amount + 60", shifted);
            assertThat(shifted.get("status").asText()).as(shifted.toPrettyString()).isEqualTo("alert");
            assertThat(input(shifted, "amount").get("status").asText()).isEqualTo("alert");
            assertThat(input(shifted, "amount").get("mean").asDouble()).isGreaterThan(input(shifted, "amount").get("referenceMean").asDouble() + 40);
            for (String field : new String[] {"text", "age", "channel"}) {
                assertThat(input(shifted, field).get("status").asText()).as(field + ": " + input(shifted, field)).isEqualTo("ok");
            }

            send(fixture, 300, 4, 0, true);
            JsonNode elsewhere = drift(fixture);
            print("texts of other domains", elsewhere);
            System.out.printf(Locale.ROOT, "DriftIT: training and promote %.1f s, three windows of 300 %.1f s%n",
                    (trained - started) / 1e9, (System.nanoTime() - trained) / 1e9);
            assertThat(elsewhere.get("status").asText()).as(elsewhere.toPrettyString()).isEqualTo("alert");
            JsonNode text = input(elsewhere, "text");
            assertThat(text.get("status").asText()).isEqualTo("alert");
            assertThat(text.get("embedding").get("status").asText()).isEqualTo("alert");
            assertThat(text.get("embedding").get("centroidShift").asDouble())
                    .isGreaterThan(input(ok, "text").get("embedding").get("centroidShift").asDouble() * 3);
            for (String field : new String[] {"amount", "age", "channel"}) {
                assertThat(input(elsewhere, field).get("status").asText()).as(field + ": " + input(elsewhere, field)).isEqualTo("ok");
            }

            String metrics = fixture.get("/metrics").body();
            assertThat(metrics).contains("baihua_drift_psi{input=\"amount\",model=\"watch\",version=\"1\"}")
                    .contains("baihua_drift_embedding_shift{input=\"text\",model=\"watch\",version=\"1\"}")
                    .contains("baihua_drift_status{model=\"watch\",version=\"1\"} 2.0");
        }
    }

    /** The figures, for the note: PSI (and chance) per input, the embedding's, the labels'. */
    private static void print(String window, JsonNode report) {
        StringBuilder line = new StringBuilder("DriftIT " + window + ": " + report.get("status").asText());
        for (JsonNode input : report.get("inputs")) {
            line.append(String.format(Locale.ROOT, "; %s %s psi %.3f (chance %.3f)", input.get("field").asText(),
                    input.get("status").asText(), input.get("psi").asDouble(), input.get("chancePsi").asDouble()));
            if (input.get("embedding").isObject()) {
                JsonNode e = input.get("embedding");
                line.append(String.format(Locale.ROOT, ", embedding distance psi %.3f (chance %.3f), centroid shift %.3f",
                        e.get("distancePsi").asDouble(), e.get("chancePsi").asDouble(), e.get("centroidShift").asDouble()));
            }
        }
        line.append(String.format(Locale.ROOT, "; labels psi %.3f", report.get("labels").get("psi").asDouble()));
        System.out.println(line);
    }

    private static void badInputs(HostFixture fixture) {
        HostFixture.Response typo = fixture.get("/api/v1/models/watch/drift?verison=1");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.contentType()).contains("application/problem+json");
        assertThat(typo.json().get("detail").asText()).contains("unknown query parameter 'verison'").contains("did you mean 'version'");
        HostFixture.Response notNumber = fixture.get("/api/v1/models/watch/drift?version=latest");
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(notNumber.json().get("detail").asText()).contains("version must be a whole number");
        assertThat(fixture.get("/api/v1/models/watch/drift?version=9").status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/models/nobody/drift").status()).isEqualTo(404);
    }

    private static JsonNode drift(HostFixture fixture) {
        HostFixture.Response response = fixture.get("/api/v1/models/watch/drift");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode input(JsonNode report, String field) {
        for (JsonNode input : report.get("inputs")) {
            if (input.get("field").asText().equals(field)) {
                return input;
            }
        }
        throw new AssertionError("no input " + field + " in " + report);
    }

    /** Predicts {@code n} records in calls of 50: the training distribution, amount shifted by {@code shift}, texts of elsewhere. */
    private static void send(HostFixture fixture, int n, long seed, double shift, boolean otherDomain) throws Exception {
        Random random = new Random(seed);
        for (int call = 0; call < n / 50; call++) {
            java.util.List<Map<String, Object>> records = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Map<String, Object> record = new HashMap<>(row(random));
                record.remove("label");
                record.put("amount", (double) record.get("amount") + shift);
                if (otherDomain) {
                    record.put("text", ELSEWHERE[random.nextInt(ELSEWHERE.length)] + " " + (1 + random.nextInt(9)));
                }
                records.add(record);
            }
            HostFixture.Response answer = fixture.postJson("/api/v1/models/watch/predict",
                    fixture.json.writeValueAsString(Map.of("records", records)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    }

    private static Map<String, Object> row(Random random) {
        String[] topic = TOPICS[random.nextInt(TOPICS.length)];
        String text = OPENERS[random.nextInt(OPENERS.length)] + " " + topic[1 + random.nextInt(topic.length - 1)] + " since "
                + (1 + random.nextInt(9)) + " days";
        return Map.of("text", text, "amount", Math.round((100 + random.nextGaussian() * 15) * 10) / 10.0,
                "age", (double) Math.round(45 + random.nextGaussian() * 12), "channel", CHANNELS[random.nextInt(CHANNELS.length)],
                "label", topic[0]);
    }

    private static String csv(int rowsPerTopic, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("text,amount,age,channel,label\n");
        for (int i = 0; i < rowsPerTopic * TOPICS.length; i++) {
            Map<String, Object> row = row(random);
            csv.append('"').append(row.get("text")).append("\",").append(String.format(Locale.ROOT, "%.1f,%.0f,", row.get("amount"), row.get("age")))
                    .append(row.get("channel")).append(',').append(row.get("label")).append('\n');
        }
        return csv.toString();
    }

    private static Path pluginZip(Path dir) throws Exception {
        return new PluginFixtures(Files.createDirectories(dir)).plugin("desk").source("fixture.desk.DeskDomain", """
                package fixture.desk;
                import java.util.List;
                import org.baihua.sdk.*;
                @org.pf4j.Extension
                public class DeskDomain implements Domain {
                    public String id() { return "desk"; }
                    public String displayName() { return "Help desk"; }
                    public List<TaskSpec> tasks() {
                        return List.of(new TaskSpec("ticket", "ticket topic", TaskKind.MULTICLASS, List.of(),
                                List.of(FieldSpec.text("text", "the ticket"), FieldSpec.numeric("amount", "amount at stake"),
                                        FieldSpec.numeric("age", "customer age"), FieldSpec.categorical("channel", "web, phone or mail")),
                                HeadSpec.linear(), Metric.MACRO_F1, null));
                    }
                }
                """).build("desk.zip");
    }
}
