package org.baihua.plugins.medical.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.testkit.CollectingSink;
import org.junit.jupiter.api.Test;

class FhirBundleAdapterTest {

    private final FhirBundleAdapter adapter = new FhirBundleAdapter();

    private CollectingSink read(String resource, Map<String, String> options) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = getClass().getResourceAsStream("/fhir/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            adapter.read(in, new AdapterOptions(options), sink);
        }
        return sink;
    }

    private CollectingSink readText(String json, Map<String, String> options) throws IOException {
        CollectingSink sink = new CollectingSink();
        adapter.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), new AdapterOptions(options), sink);
        return sink;
    }

    @Test
    void hasTheFormatIdUsersName() {
        assertThat(adapter.format()).isEqualTo("fhir-bundle");
    }

    @Test
    void makesOneRecordPerDocumentWithTheEncountersReadingsAndDiagnosis() throws IOException {
        CollectingSink sink = read("notes-bundle.json", Map.of());

        assertThat(sink.rejections()).isEmpty();
        assertThat(sink.records()).hasSize(2);
        DataRecord note = sink.records().get(0);
        assertThat(note.line()).isEqualTo(3);
        assertThat(note.get("text")).isEqualTo("Follow-up for type 2 diabetes. Polyuria and polydipsia for 3 weeks.");
        // 10 mmol/L from the note's own encounter wins over the older 150 mg/dL
        assertThat(note.number("glucose")).isCloseTo(180.16, within(1e-9));
        assertThat(note.number("blood_pressure")).isEqualTo(85.0);
        // the BMI was measured after the note: it must not leak into it
        assertThat(note.get("bmi")).isNull();
        assertThat(note.number("age")).isEqualTo(62.0);
        // the encounter's own Condition, not the one of another visit
        assertThat(note.get("label")).isEqualTo("44054006");
        assertThat(note.values().keySet()).doesNotContain("heart_rate", "systolic", "body_weight", "body_height");
    }

    @Test
    void readsReportsInTheirCharsetAndDerivesBmiFromWeightAndHeight() throws IOException {
        DataRecord report = read("notes-bundle.json", Map.of()).records().get(1);

        assertThat(report.line()).isEqualTo(13);
        assertThat(report.get("text")).isEqualTo("Chest X-ray: cardiomegaly, no effusion. Café-au-lait spot noted.\n\nCardiomegaly.");
        assertThat(report.number("bmi")).isEqualTo(26.1);
        assertThat(report.number("age")).isEqualTo(80.0);
        assertThat(report.get("label")).isEqualTo("I51.7");
        assertThat(report.values()).doesNotContainKeys("body_weight", "body_height");
    }

    @Test
    void labelsFromDisplayOrFromOneCodeSystem() throws IOException {
        assertThat(read("notes-bundle.json", Map.of("labelFrom", "display")).records().get(0).get("label"))
                .isEqualTo("Diabetes mellitus type 2");
        assertThat(read("notes-bundle.json", Map.of("labelSystem", "http://hl7.org/fhir/sid/icd-10")).records().get(0).get("label"))
                .isEqualTo("E11");
        assertThat(read("notes-bundle.json", Map.of("labelFrom", "text")).records().get(0).get("label"))
                .isEqualTo("Type 2 diabetes");
    }

    @Test
    void reportsEveryUnreadableEntryWithItsNumberAndReason() throws IOException {
        CollectingSink sink = read("broken-bundle.json", Map.of());

        assertThat(sink.reasonFor(1)).contains("entry 1 has no resource");
        assertThat(sink.reasonFor(2)).contains("entry 2 (Patient/p9)", "birthDate '1970-13-45' is not a FHIR date");
        assertThat(sink.reasonFor(3)).contains("entry 3 (Observation/no-unit)", "glucose value 120.0 has no unit", "mmol/l");
        assertThat(sink.reasonFor(4)).contains("glucose unit 'mg' is not known");
        assertThat(sink.reasonFor(5)).contains("Observation/no-subject", "no subject reference");
        assertThat(sink.reasonFor(6)).contains("bmi valueQuantity.value is not a number");
        assertThat(sink.reasonFor(7)).contains("entered-in-error");
        assertThat(sink.reasonFor(8)).contains("no value for insulin", "sample haemolysed");
        assertThat(sink.reasonFor(9)).contains("'yesterday' is not a FHIR date");
        assertThat(sink.reasonFor(10)).contains("url, which is not fetched");
        assertThat(sink.reasonFor(11)).contains("not valid base64");
        assertThat(sink.reasonFor(12)).contains("application/pdf");
        assertThat(sink.reasonFor(13)).contains("not well-formed XHTML");
        assertThat(sink.reasonFor(14)).contains("DocumentReference/retracted", "entered-in-error");
        assertThat(sink.reasonFor(15)).contains("refuted");
        assertThat(sink.reasonFor(16)).contains("Condition/uncoded", "no code");
        assertThat(sink.reasonFor(18)).contains("Patient/p-nothing", "no document text");
    }

    @Test
    void sendsEveryEntryThatIsARowToExactlyOnePlace() throws IOException {
        CollectingSink sink = read("broken-bundle.json", Map.of());

        Set<Long> accepted = sink.records().stream().map(DataRecord::line).collect(Collectors.toSet());
        Set<Long> rejected = sink.rejections().stream().map(CollectingSink.Rejection::line).collect(Collectors.toSet());
        assertThat(accepted).containsExactly(17L);
        assertThat(rejected).hasSize(sink.rejections().size()).doesNotContainAnyElementsOf(accepted);
        Set<Long> all = new HashSet<>(accepted);
        all.addAll(rejected);
        assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 18).boxed().toList());
    }

    @Test
    void readsTheNarrativeWhenADocumentHasNoAttachment() throws IOException {
        DataRecord narrative = read("broken-bundle.json", Map.of()).records().get(0);

        assertThat(narrative.get("text")).isEqualTo("Seen in clinic. Stable angina.");
        assertThat(narrative.get("label")).isNull();
    }

    @Test
    void readsOneBundlePerLineAndRejectsBadLines() throws IOException {
        CollectingSink sink = read("patients.ndjson", Map.of("ndjson", "true"));

        assertThat(sink.records()).extracting(DataRecord::line).containsExactly(1L, 5L);
        DataRecord first = sink.records().get(0);
        assertThat(first.values()).containsEntry("glucose", 181.0).containsEntry("bmi", 36.1)
                .containsEntry("pregnancies", 2.0).containsEntry("age", 44.0).containsEntry("label", "44054006")
                .doesNotContainKey("text").doesNotContainKey("skin_thickness");
        assertThat(sink.reasonFor(2)).startsWith("not valid JSON");
        assertThat(sink.reasonFor(4)).contains("not a FHIR Bundle", "Patient");
        assertThat(sink.rejections()).hasSize(2);
    }

    @Test
    void givesBinaryLabelsFromPositiveCodesAndMapsExtraLoincCodes() throws IOException {
        CollectingSink sink = read("patients.ndjson",
                Map.of("ndjson", "yes", "positiveCodes", "E11, 44054006", "loinc", "39106-0:skin_thickness"));

        assertThat(sink.records()).extracting(r -> r.get("label")).containsExactly("positive", "negative");
        // 2.5 cm converted to the field's millimetres
        assertThat(sink.records().get(1).number("skin_thickness")).isEqualTo(25.0);
    }

    @Test
    void rejectsAFileThatIsNotABundle() {
        assertThatThrownBy(() -> readText("{\"resourceType\": \"Patient\", \"id\": \"x\"}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a FHIR Bundle");
        assertThatThrownBy(() -> readText("{\"resourceType\": \"Bundle\", ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON").hasMessageContaining("ndjson=true");
        assertThatThrownBy(() -> readText("", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> readText("[1, 2]", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a FHIR Bundle");
    }

    @Test
    void rejectsUnknownOrInvalidOptions() {
        assertThatThrownBy(() -> readText("{}", Map.of("delimiter", ";")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no option 'delimiter'").hasMessageContaining("ndjson");
        assertThatThrownBy(() -> readText("{}", Map.of("labelFrom", "colour")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labelFrom");
        assertThatThrownBy(() -> readText("{}", Map.of("loinc", "39106-0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code:field");
        assertThatThrownBy(() -> readText("{}", Map.of("ndjson", "maybe")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ndjson");
    }

    @Test
    void acceptsAnEmptyBundleAndDuplicateKeysAreAnError() throws IOException {
        assertThat(readText("{\"resourceType\": \"Bundle\"}", Map.of()).records()).isEmpty();
        assertThatThrownBy(() -> readText("{\"resourceType\": \"Bundle\", \"resourceType\": \"Bundle\"}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void isDeterministic() throws IOException {
        assertThat(read("notes-bundle.json", Map.of()).records()).isEqualTo(read("notes-bundle.json", Map.of()).records());
    }
}
