package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Batch jobs over REST (one host and one trained model for all tests: each test's jobs are its own): their results are the predict route's answers for the same records, bad rows are reported in place. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchJobsIT {

    @TempDir
    static Path tmp;

    private HostFixture fixture;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        fixture = new HostFixture(tmp, Map.of());
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes")
                // lower-cases the text as many plugins' preprocessors do: explanations must still show the words as written
                .source("fixture.notes.Lowercase", """
                        package fixture.notes;
                        import java.util.List;
                        import java.util.Map;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class Lowercase implements Preprocessor {
                            public boolean appliesTo(String domainId, String taskId) { return domainId.equals("notes"); }
                            public FittedState fit(TaskSpec task, List<DataRecord> training) {
                                return new FittedState(Map.of("rows", training.size()));
                            }
                            public DataRecord transform(DataRecord r, FittedState state) {
                                String text = r.text("text");
                                return text == null ? r : r.with("text", text.toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                        """).build("notes.zip");
        fixture.get(PluginHost.class).install(zip);
        HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv",
                LifecycleIT.dataset(30, 1));
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(201);
        HostFixture.Response queued = fixture.postJson("/api/v1/models", """
                {"name": "triage", "domain": "notes", "task": "topic", "dataset": "%s",
                 "training": {"epochs": 40, "learningRate": 0.01, "seed": 3, "patience": 5}}
                """.formatted(ingested.json().get("id").asText()));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        assertThat(fixture.awaitJob(queued.json().get("job").asText(), 300).get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(fixture.postJson("/api/v1/models/triage/versions/1/promote", "").status()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void csvResultEqualsPredictAnswersAndReportsBadRowsInPlace() throws Exception {
        // 600 rows (more than two batches), an empty text and a line with a stray column among them
        String labelled = LifecycleIT.dataset(200, 9);
        StringBuilder csv = new StringBuilder("text\n");
        List<String> texts = new ArrayList<>();
        String[] lines = labelled.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String text = lines[i].substring(0, lines[i].lastIndexOf(','));
            csv.append(text).append('\n');
            texts.add(text.substring(1, text.length() - 1));
            if (i == 300) {
                csv.append("\"\"\n");
            }
            if (i == 450) {
                csv.append("\"one\",\"two\",\"three\"\n");
            }
        }
        HostFixture.Response submitted = fixture.postText("/api/v1/models/triage/batch-jobs", "text/csv", csv.toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(submitted.json().get("state").asText()).isEqualTo("QUEUED");
        String id = submitted.json().get("id").asText();
        JsonNode done = await(id);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(events).extracting(e -> e.get("state").asText()).endsWith("SUCCEEDED");
        JsonNode summary = done.get("summary");
        assertThat(summary.get("rows").asLong()).isEqualTo(texts.size() + 2);
        assertThat(summary.get("scored").asLong()).isEqualTo(texts.size());
        assertThat(summary.get("rejected").asLong()).isEqualTo(2);
        assertThat(summary.get("rejections")).hasSize(2).allSatisfy(r -> assertThat(r.get("reason").asText()).isNotBlank());
        assertThat(done.get("version").asInt()).isEqualTo(1);

        HostFixture.Response result = fixture.get("/api/v1/models/triage/batch-jobs/" + id + "/result");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.contentType()).startsWith("text/csv");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(result.body()))) {
            assertThat(parser.getHeaderNames()).startsWith("line", "text", "predicted_label").endsWith("rejected");
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(texts.size() + 2);
        // the rejected rows are where they were in the input, with their reason
        assertThat(rows.get(300).get("rejected")).isNotBlank();
        assertThat(rows.get(300).get("predicted_label")).isEmpty();
        assertThat(rows.get(300).get("line")).isEqualTo("302");
        assertThat(rows.get(451).get("rejected")).isNotBlank();
        assertThat(summary.get("rejections").get(0).get("line").asLong()).isEqualTo(302);
        List<CSVRecord> scored = rows.stream().filter(r -> r.get("rejected").isEmpty()).toList();
        assertThat(scored).hasSize(texts.size());
        Map<String, Integer> counts = new java.util.TreeMap<>();
        scored.forEach(r -> counts.merge(r.get("predicted_label"), 1, Integer::sum));
        assertThat(fixture.json.convertValue(summary.get("labelCounts"), Map.class)).isEqualTo(fixture.json.convertValue(counts, Map.class));

        // the same records through POST /predict answer the same, to the last digit
        for (int from = 0; from < texts.size(); from += 200) {
            ObjectNode body = fixture.json.createObjectNode();
            ArrayNode records = body.putArray("records");
            texts.subList(from, Math.min(texts.size(), from + 200)).forEach(t -> records.addObject().put("text", t));
            HostFixture.Response answer = fixture.postJson("/api/v1/models/triage/predict", body.toString());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            for (int i = 0; i < records.size(); i++) {
                JsonNode predicted = answer.json().get("predictions").get(i);
                CSVRecord row = scored.get(from + i);
                assertThat(row.get("text")).isEqualTo(texts.get(from + i));
                assertThat(row.get("predicted_label")).isEqualTo(predicted.get("label").asText());
                predicted.get("probabilities").fields().forEachRemaining(p ->
                        assertThat(Double.parseDouble(row.get("p_" + p.getKey()))).as(p.getKey()).isEqualTo(p.getValue().asDouble()));
            }
        }
        assertThat(fixture.get("/api/v1/models/triage/batch-jobs").json()).extracting(j -> j.get("id").asText()).contains(id);
        assertThat(fixture.delete("/api/v1/models/triage/batch-jobs/" + id).status()).isEqualTo(204);
        assertThat(fixture.get("/api/v1/models/triage/batch-jobs/" + id + "/result").status()).isEqualTo(404);
    }

    @Test
    void aStoredDataSetScoresToJsonLinesWithExplanations() throws Exception {
        HostFixture.Response ingested = fixture.postText("/api/v1/datasets?domain=notes&task=topic&name=holdout", "text/csv",
                LifecycleIT.dataset(5, 4));
        String dataset = ingested.json().get("id").asText();
        HostFixture.Response submitted = fixture.postText("/api/v1/models/triage/batch-jobs?dataset=" + dataset
                + "&output=jsonl&explain=true&version=1", "text/csv", "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode done = await(submitted.json().get("id").asText());
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        String[] lines = fixture.get("/api/v1/models/triage/batch-jobs/" + done.get("id").asText() + "/result").body().split("\n");
        assertThat(lines).hasSize(15);
        JsonNode first = fixture.json.readTree(lines[0]);
        assertThat(first.get("label").asText()).as("the data set's own label stays an input column").isNotBlank();
        assertThat(first.get("predicted_label").asText()).isNotBlank();
        assertThat(fixture.json.readTree(first.get("explanation").asText()).get("words")).isNotEmpty();
        assertThat(first.get("rejected").isNull()).isTrue();
    }

    @Test
    void theScoreCommandRunsABatchJobAndSavesTheResult() throws Exception {
        Path input = tmp.resolve("notes.jsonl");
        Files.writeString(input, "{\"text\": \"hydraulic pump leak since 3 days\"}\n{\"text\": \"invoice overdue\"}\n{\"note\": 1}\n");
        Path output = tmp.resolve("scored.csv");
        int code = org.baihua.core.cli.BaihuaCli.run("score", "--model", "triage", "--input", input.toString(), "--output",
                output.toString(), "--url", fixture.host.uri().toString(), "--key", HostFixture.ADMIN);
        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("line,text,predicted_label,");
        assertThat(lines.get(1)).contains("maintenance");
        assertThat(lines.get(3)).contains("none of the input fields");
        assertThat(org.baihua.core.cli.BaihuaCli.run("score", "--model", "triage", "--input", input.toString(), "--output",
                tmp.resolve("x.parquet").toString(), "--url", fixture.host.uri().toString(), "--key", HostFixture.ADMIN))
                .as("parquet needs Spark").isNotZero();
    }

    @Test
    void explanationsShowTheWordsAsTheFileHasThemThroughAMapping() throws Exception {
        String written = "Hydraulic PUMP Leak since Monday.";
        HostFixture.Response submitted = fixture.postText("/api/v1/models/triage/batch-jobs?output=jsonl&explain=true&mapping=text=Note",
                "text/csv", "Note\n\"" + written + "\"\n");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode done = await(submitted.json().get("id").asText());
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode row = fixture.json.readTree(fixture.get("/api/v1/models/triage/batch-jobs/" + done.get("id").asText() + "/result").body()
                .split("\n")[0]);
        JsonNode words = fixture.json.readTree(row.get("explanation").asText()).get("words");
        assertThat(words).isNotEmpty();
        // the preprocessor lower-cased the text; the words are shown as the file wrote them, without the full stop
        assertThat(words).allSatisfy(w -> assertThat(written).contains(w.get("word").asText()));
        assertThat(words).extracting(w -> w.get("word").asText()).contains("PUMP").noneMatch(w -> w.endsWith("."));
    }

    @Test
    void anUploadWhoseMappingNamesAMissingColumnIsRefusedWithTheFileColumns() {
        int jobs = fixture.get("/api/v1/models/triage/batch-jobs").json().size();
        HostFixture.Response misspelt = fixture.postText("/api/v1/models/triage/batch-jobs?mapping=text=Notes", "text/csv",
                "Note,ticket\n\"pump leak\",1\n");
        assertThat(misspelt.status()).as(misspelt.body()).isEqualTo(400);
        assertThat(misspelt.json().get("field").asText()).isEqualTo("mapping");
        assertThat(misspelt.json().get("detail").asText()).contains("column 'Notes' (field 'text') is not in the file",
                "did you mean 'Note'?", "The file's columns: [Note, ticket]");
        // without a mapping the task's field must be a column too, where every row used to be rejected one by one
        assertThat(fixture.postText("/api/v1/models/triage/batch-jobs", "text/csv", "note\n\"pump leak\"\n").json().get("detail").asText())
                .contains("column 'text' (field 'text') is not in the file", "The file's columns: [note]");
        assertThat(fixture.get("/api/v1/models/triage/batch-jobs").json()).as("nothing queued").hasSize(jobs);
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsQueued() {
        int jobs = fixture.get("/api/v1/models/triage/batch-jobs").json().size();
        assertThat(fixture.postText("/api/v1/models/nope/batch-jobs", "text/csv", "text\nx\n").status()).isEqualTo(404);
        HostFixture.Response parquet = fixture.postText("/api/v1/models/triage/batch-jobs?output=parquet", "text/csv", "text\nx\n");
        assertThat(parquet.status()).isEqualTo(400);
        assertThat(parquet.json().get("detail").asText()).contains("spark");
        assertThat(fixture.postText("/api/v1/models/triage/batch-jobs?version=7", "text/csv", "text\nx\n").status()).isEqualTo(404);
        assertThat(fixture.postText("/api/v1/models/triage/batch-jobs?format=nope", "text/csv", "text\nx\n").status()).isEqualTo(400);
        assertThat(fixture.postText("/api/v1/models/triage/batch-jobs?dataset=missing", "text/csv", "").status()).isEqualTo(404);
        assertThat(fixture.postText("/api/v1/models/triage/batch-jobs?colour=red", "text/csv", "text\nx\n").status()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/models/triage/batch-jobs/nope").status()).isEqualTo(404);
        assertThat(fixture.get("/api/v1/models/triage/batch-jobs").json()).hasSize(jobs);
    }

    /** Follows the job's event stream to its end. */
    private JsonNode await(String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.host.uri() + "/api/v1/models/triage/batch-jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + HostFixture.ADMIN).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<JsonNode> last = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    JsonNode seen = null;
                    for (String line : (Iterable<String>) response.body()::iterator) {
                        if (line.startsWith("data:")) {
                            try {
                                seen = fixture.json.readTree(line.substring(5).trim());
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            events.add(seen);
                        }
                    }
                    return seen;
                });
        return last.get(300, TimeUnit.SECONDS);
    }
}
