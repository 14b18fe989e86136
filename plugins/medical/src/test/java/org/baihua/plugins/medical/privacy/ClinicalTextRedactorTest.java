package org.baihua.plugins.medical.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;
import org.junit.jupiter.api.Test;

class ClinicalTextRedactorTest {

    private final ClinicalTextRedactor redactor = new ClinicalTextRedactor();

    @Test
    void appliesToTheMedicalDomainOnly() {
        assertThat(redactor.appliesTo("medical")).isTrue();
        assertThat(redactor.appliesTo("finance")).isFalse();
    }

    @Test
    void scrubsEveryTextFieldButTheLabel() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "Seen by Dr. Quinn on 2021-04-05.");
        values.put("comment", "call 617-555-0100");
        values.put("label", "Dr. Quinn's clinic");
        values.put("glucose", 140.0);
        DataRecord record = new DataRecord(7, values);

        DataRecord redacted = redactor.redact(record);

        assertThat(redacted.line()).isEqualTo(7);
        assertThat(redacted.get("text")).isEqualTo("Seen by Dr. [NAME] on [DATE].");
        assertThat(redacted.get("comment")).isEqualTo("call [PHONE]");
        assertThat(redacted.get("label")).isEqualTo("Dr. Quinn's clinic");
        assertThat(redacted.get("glucose")).isEqualTo(140.0);
    }

    @Test
    void aggregatesNumericAgesOver89() {
        assertThat(redactor.redact(DataRecord.of(Map.of("age", 97.0))).get("age")).isEqualTo(90.0);
        assertThat(redactor.redact(DataRecord.of(Map.of("age", 89.9))).get("age")).isEqualTo(89.9);
        assertThat(redactor.redact(DataRecord.of(Map.of("age", 90.0))).get("age")).isEqualTo(90.0);
    }

    @Test
    void aggregatesAgesGivenAsText() {
        assertThat(redactor.redact(DataRecord.of(Map.of("age", " 104 "))).get("age")).isEqualTo("90");
        assertThat(redactor.redact(DataRecord.of(Map.of("age", "54"))).get("age")).isEqualTo("54");
        assertThat(redactor.redact(DataRecord.of(Map.of("age", "aged 93"))).get("age")).isEqualTo("aged 90+");
    }

    @Test
    void leavesListsAndMissingFieldsAlone() {
        DataRecord record = DataRecord.of(Map.of("label", List.of("a", "b")));

        assertThat(redactor.redact(record)).isEqualTo(record);
    }
}
