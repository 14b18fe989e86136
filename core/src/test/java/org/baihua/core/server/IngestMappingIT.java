package org.baihua.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.plugin.PluginFixtures;
import org.baihua.core.plugin.PluginHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping naming a column the file lacks is refused; a dry run shows what an ingest would store and stores nothing. */
class IngestMappingIT {

    private static final String CSV = """
            clause,contract_type,party,label
            "Payment is due within 30 days",sale,Acme,payment
            "Either party may terminate on 90 days notice",service,Bolt,termination
            "Fees are payable in 2 instalments",sale,Acme,payment
            "This agreement ends on 31 December",lease,Core,termination
            "Invoices are paid monthly",service,Dune,payment
            "Termination needs 60 days written notice",lease,Echo,termination
            ,sale,Fern,payment
            """;

    @TempDir
    Path tmp;

    private HostFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new HostFixture(tmp, Map.of());
        Path zip = new PluginFixtures(Files.createDirectories(tmp.resolve("fixtures"))).plugin("legal")
                .source("fixture.legal.LegalDomain", """
                        package fixture.legal;
                        import java.util.List;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class LegalDomain implements Domain {
                            public String id() { return "legal"; }
                            public String displayName() { return "legal domain"; }
                            public List<TaskSpec> tasks() {
                                return List.of(new TaskSpec("clauses", "clause types", TaskKind.MULTICLASS, List.of(),
                                        List.of(FieldSpec.text("clause", "the clause"),
                                                new FieldSpec("contract_kind", FieldType.CATEGORICAL, false, "kind of contract"),
                                                new FieldSpec("region", FieldType.CATEGORICAL, false, "where it applies")),
                                        HeadSpec.linear(), Metric.MACRO_F1, null));
                            }
                        }
                        """)
                .source("fixture.legal.DigitRedactor", """
                        package fixture.legal;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class DigitRedactor implements Redactor {
                            public boolean appliesTo(String domainId) { return domainId.equals("legal"); }
                            public DataRecord redact(DataRecord r) {
                                String text = r.text("clause");
                                return text == null ? r : r.with("clause", text.replaceAll("[0-9]", "#"));
                            }
                        }
                        """)
                .source("fixture.legal.Lowercase", """
                        package fixture.legal;
                        import java.util.List;
                        import java.util.Map;
                        import org.baihua.sdk.*;
                        @org.pf4j.Extension
                        public class Lowercase implements Preprocessor {
                            public boolean appliesTo(String domainId, String taskId) { return domainId.equals("legal"); }
                            public FittedState fit(TaskSpec task, List<DataRecord> training) {
                                return new FittedState(Map.of("rows", training.size()));
                            }
                            public DataRecord transform(DataRecord r, FittedState state) {
                                String text = r.text("clause");
                                return text == null ? r : r.with("clause", text.toLowerCase(java.util.Locale.ROOT));
                            }
                        }
                        """).build("legal.zip");
        fixture.get(PluginHost.class).install(zip);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aMappingNamingAMissingColumnIsRefusedWithTheFileColumns() {
        HostFixture.Response refused = fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=contract_kind",
                "text/csv", CSV);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("mapping");
        assertThat(refused.json().get("detail").asText())
                .contains("column 'contract_kind' (field 'contract_kind') is not in the file")
                .contains("did you mean 'contract_type'?")
                .contains("[clause, contract_type, party, label]");
        assertThat(fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=kind_of_contract", "text/csv", CSV)
                .json().get("detail").asText()).contains("column 'kind_of_contract' (field 'contract_kind') is not in the file");
        // a misspelt required column names the columns too, where it used to say only that no row could be used
        assertThat(fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=clause=Clause", "text/csv", CSV).json()
                .get("detail").asText()).contains("No row of the file could be used", "column 'Clause' (field 'clause')",
                "did you mean 'clause'?");
        assertThat(fixture.get("/api/v1/datasets").json()).isEmpty();

        HostFixture.Response stored = fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=contract_type",
                "text/csv", CSV);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().get("rows").asLong()).isEqualTo(6);
    }

    @Test
    void aDryRunShowsTheMappingAndTheFirstRecordsAndStoresNothing() {
        HostFixture.Response dry = fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=contract_type"
                + "&dryRun=true", "text/csv", CSV);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        JsonNode run = dry.json();
        assertThat(run.get("dryRun").asBoolean()).isTrue();
        assertThat(run.get("columns")).extracting(JsonNode::asText).containsExactly("clause", "contract_type", "party", "label");
        assertThat(run.get("mapping").get("contract_kind").asText()).isEqualTo("contract_type");
        assertThat(run.get("mapping").get("clause").asText()).isEqualTo("clause");
        assertThat(run.get("mapping").get("label").asText()).isEqualTo("label");
        assertThat(run.get("unmappedColumns")).extracting(JsonNode::asText).containsExactly("party");
        assertThat(run.get("unmappedOptionalFields")).extracting(JsonNode::asText).containsExactly("region");
        assertThat(run.get("rows").asLong()).isEqualTo(6);
        assertThat(run.get("rejectedCount").asLong()).isEqualTo(1);
        assertThat(run.get("rejected").get(0).get("line").asLong()).isEqualTo(8);
        JsonNode preview = run.get("preview");
        assertThat(preview).hasSize(5);
        // redacted (digits) and preprocessed (lower case), mapped onto the task's field names
        assertThat(preview.get(0).get("values").get("clause").asText()).isEqualTo("payment is due within ## days");
        assertThat(preview.get(0).get("values").get("contract_kind").asText()).isEqualTo("sale");
        assertThat(preview.get(0).get("values").get("label").asText()).isEqualTo("payment");
        assertThat(run.get("preprocessing").asText()).contains("Lowercase", "fitted on the first 6 usable rows");
        assertThat(fixture.get("/api/v1/datasets").json()).isEmpty();

        assertThat(fixture.postText("/api/v1/datasets?domain=legal&task=clauses&dryRun=maybe", "text/csv", CSV).json()
                .get("field").asText()).isEqualTo("dryRun");
        // the same refusals as an ingest
        assertThat(fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=kind&dryRun=true", "text/csv", CSV)
                .status()).isEqualTo(400);
    }

    @Test
    void unknownQueryParametersOfDataSetRoutesAreRefused() {
        String id = fixture.postText("/api/v1/datasets?domain=legal&task=clauses&mapping=contract_kind=contract_type", "text/csv", CSV)
                .json().get("id").asText();
        HostFixture.Response typo = fixture.get("/api/v1/datasets/" + id + "/rows?limt=2");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("field").asText()).isEqualTo("limt");
        assertThat(typo.json().get("detail").asText()).contains("did you mean 'limit'?");
        assertThat(fixture.get("/api/v1/datasets?sort=name").json().get("detail").asText()).contains("it takes none");
        assertThat(fixture.get("/api/v1/datasets/" + id + "?x=1").status()).isEqualTo(400);
        assertThat(fixture.postText("/api/v1/datasets?domain=legal&task=clauses&dryrun=true", "text/csv", CSV).json().get("detail")
                .asText()).contains("did you mean 'dryRun'?");
        assertThat(fixture.get("/api/v1/datasets/" + id + "/rows?limit=2").json().get("rows")).hasSize(2);
    }

    @Test
    void theCliDryRunPrintsTheMappingAndThePreview() throws Exception {
        Path csv = Files.writeString(tmp.resolve("clauses.csv"), CSV);
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = org.baihua.core.cli.BaihuaCli.run("datasets", "upload", csv.toString(), "--domain", "legal", "--task", "clauses",
                    "--mapping", "contract_kind=contract_type", "--dry-run", "--url", fixture.host.uri().toString(), "--key", HostFixture.ADMIN);
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text).contains("Dry run: nothing was stored", "Columns of the file: clause, contract_type, party, label",
                "contract_kind", "Unmapped columns (kept for preprocessors): party", "stored without them): region",
                "6 usable rows, 1 rejected", "line 8: field 'clause' is missing", "payment is due within ## days");
        assertThat(fixture.get("/api/v1/datasets").json()).isEmpty();
    }
}
