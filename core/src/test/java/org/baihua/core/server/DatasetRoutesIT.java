package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.registry.DatasetStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRoutesIT {

    @TempDir
    Path tmp;

    private HostFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new HostFixture(tmp, Map.of("datasets.max-bytes", "4096"));
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("notes")
                .domain("fixture.notes.NotesDomain", "notes")
                .source("fixture.notes.DigitRedactor", """
                        package fixture.notes;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class DigitRedactor implements Redactor {
                            public boolean appliesTo(String domainId) { return domainId.equals("notes"); }
                            public DataRecord redact(DataRecord r) {
                                String text = r.text("text");
                                return text == null ? r : r.with("text", text.replaceAll("[0-9]", "#"));
                            }
                        }
                        """).build("notes.zip");
        fixture.get(PluginHost.class).install(zip);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void ingestStoresRedactedRowsReportsRejectionsAndRecognisesTheSameFile() {
        String csv = "Note,Dept\n\"call 555 1234 about the pump\",maintenance\n,cardiology\n\"chest pain, since 2019\",cardiology\n";
        HostFixture.Response created = fixture.postText("/api/v1/datasets?domain=notes&task=topic&name=first&mapping=text=Note,label=Dept",
                "text/csv", csv);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("rows").asLong()).isEqualTo(2);
        assertThat(created.json().get("labelCounts").get("cardiology").asLong()).isEqualTo(1);
        assertThat(created.json().get("rejected").get(0).get("line").asLong()).isEqualTo(3);
        assertThat(created.json().get("rejected").get(0).get("reason").asText()).isEqualTo("field 'text' is missing (column 'Note')");
        String id = created.json().get("id").asText();

        assertThat(fixture.get(DatasetStore.class).readRows(id)).extracting(r -> r.text("text"))
                .containsExactly("call ### #### about the pump", "chest pain, since ####");

        HostFixture.Response again = fixture.postText("/api/v1/datasets?domain=notes&task=topic&mapping=text=Note,label=Dept",
                "text/csv", csv);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asText()).isEqualTo(id);
        assertThat(again.json().get("reused").asBoolean()).isTrue();

        assertThat(fixture.get("/api/v1/datasets").json()).hasSize(1);
        assertThat(fixture.get("/api/v1/datasets/" + id).json().get("name").asText()).isEqualTo("first");
        assertThat(fixture.delete("/api/v1/datasets/" + id).status()).isEqualTo(204);
        assertThat(fixture.get("/api/v1/datasets/" + id).status()).isEqualTo(404);
    }

    @Test
    void theStoredRowsArePagedAsStoredAfterRedaction() {
        String csv = "Note,Dept\n\"call 555 1234 about the pump\",maintenance\n,cardiology\n\"chest pain, since 2019\",cardiology\n";
        String id = fixture.postText("/api/v1/datasets?domain=notes&task=topic&mapping=text=Note,label=Dept", "text/csv", csv)
                .json().get("id").asText();
        HostFixture.Response first = fixture.get("/api/v1/datasets/" + id + "/rows?limit=1");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("total").asLong()).isEqualTo(2);
        assertThat(first.json().get("rows")).hasSize(1);
        assertThat(first.json().get("rows").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(first.json().get("rows").get(0).get("values").get("text").asText()).isEqualTo("call ### #### about the pump");
        HostFixture.Response second = fixture.get("/api/v1/datasets/" + id + "/rows?offset=1&limit=20");
        assertThat(second.json().get("rows").get(0).get("values").get("text").asText()).isEqualTo("chest pain, since ####");
        assertThat(fixture.get("/api/v1/datasets/" + id + "/rows?offset=5").json().get("rows")).isEmpty();
        HostFixture.Response badLimit = fixture.get("/api/v1/datasets/" + id + "/rows?limit=501");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("field").asText()).isEqualTo("limit");
        assertThat(fixture.get("/api/v1/datasets/" + id + "/rows?offset=-1").status()).isEqualTo(400);
        assertThat(fixture.get("/api/v1/datasets/ds-nope/rows").status()).isEqualTo(404);
    }

    @Test
    void badIngestsAnswerProblemsAndStoreNothing() {
        HostFixture.Response badMapping = fixture.postText("/api/v1/datasets?domain=notes&task=topic&mapping=txt=Note", "text/csv", "a\n1\n");
        assertThat(badMapping.status()).isEqualTo(400);
        assertThat(badMapping.contentType()).startsWith("application/problem+json");
        assertThat(badMapping.json().get("field").asText()).isEqualTo("mapping");
        assertThat(badMapping.json().get("detail").asText()).contains("mapping names 'txt'");

        assertThat(fixture.postText("/api/v1/datasets?domain=nope&task=topic", "text/csv", "a\n1\n").status()).isEqualTo(404);
        assertThat(fixture.postText("/api/v1/datasets?domain=notes&task=nope", "text/csv", "a\n1\n").json().get("detail").asText())
                .startsWith("Domain 'notes' has no task 'nope'");
        assertThat(fixture.postText("/api/v1/datasets?task=topic", "text/csv", "a\n1\n").json().get("field").asText())
                .isEqualTo("domain");
        assertThat(fixture.postText("/api/v1/datasets?domain=notes&task=topic&format=parquet", "text/csv", "a\n1\n").json()
                .get("detail").asText()).contains("no adapter for format 'parquet'").contains("csv").contains("jsonl");
        assertThat(fixture.postText("/api/v1/datasets?domain=notes&task=topic&bogus=1", "text/csv", "a\n1\n").json()
                .get("detail").asText()).contains("unknown query parameter 'bogus'");
        assertThat(fixture.postText("/api/v1/datasets?domain=notes&task=topic", "image/png", "x").status()).isEqualTo(415);
        HostFixture.Response tooBig = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv",
                "text,label\n" + "some words,a\n".repeat(500));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("detail").asText()).contains("datasets.max-bytes");
        HostFixture.Response nothingUsable = fixture.postText("/api/v1/datasets?domain=notes&task=topic", "text/csv", "text,label\n,a\n");
        assertThat(nothingUsable.status()).isEqualTo(400);
        assertThat(nothingUsable.json().get("detail").asText()).contains("No row of the file could be used").contains("line 2");
        assertThat(fixture.get("/api/v1/datasets").json()).isEmpty();
        assertThat(fixture.delete("/api/v1/datasets/..%2Fx").status()).isIn(400, 404);
    }
}
