package org.baihua.plugins.medical.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.baihua.plugins.medical.MedicalDomainFixture;
import org.baihua.plugins.medical.testing.JsonRoundTrip;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class ClinicalTextPreprocessorTest {

    private static final String HEADER = "CITY GENERAL HOSPITAL - CONFIDENTIAL CLINICAL NOTE";
    private final ClinicalTextPreprocessor preprocessor = new ClinicalTextPreprocessor();
    private final TaskSpec task = MedicalDomainFixture.task("condition");

    private static List<DataRecord> notes() {
        List<DataRecord> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(new DataRecord(i + 1, Map.of(
                    "text", HEADER + "\nPatient number " + i + " has finding " + (i % 3) + ". Plan discussed.",
                    "label", "c" + (i % 3))));
        }
        return records;
    }

    private DataRecord transform(String text, FittedState state) {
        return preprocessor.transform(DataRecord.of(Map.of("text", text)), state);
    }

    @Test
    void appliesToTheConditionTaskOnly() {
        assertThat(preprocessor.appliesTo("medical", "condition")).isTrue();
        assertThat(preprocessor.appliesTo("medical", "diabetes-risk")).isFalse();
        assertThat(preprocessor.appliesTo("industrial", "condition")).isFalse();
    }

    @Test
    void keepsChineseIntactAndMakesFullWidthLettersAndDigitsHalfWidth() {
        FittedState state = preprocessor.fit(task, notes());
        String note = "患者，男，６７岁，因胸闷气短２年入院。头颅ＣＴ示腔隙性脑梗死；血压１６２／９８ｍｍＨｇ！是否复查？（门诊）";
        assertThat(transform(note, state).get("text"))
                .isEqualTo("患者，男，67岁，因胸闷气短2年入院。头颅CT示腔隙性脑梗死；血压162/98mmHg！是否复查？（门诊）");
        // full-width punctuation in Latin text is made half-width, as before
        assertThat(transform("Chest pain，onset ２ days ago（resolved）", state).get("text"))
                .isEqualTo("Chest pain,onset 2 days ago(resolved)");
        // ideographic spaces are spaces; CJK ideographs and kana pass unchanged
        assertThat(transform("心电图\u3000正常。カルテ　記録", state).get("text")).isEqualTo("心电图 正常。カルテ 記録");
    }

    @Test
    void removesChineseBoilerplateSentencesWrittenWithoutSpaces() {
        List<DataRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new DataRecord(i + 1, Map.of("text", "本记录仅供临床参考。患者" + i + "号床发热" + i + "天。请结合临床。",
                    "label", "c" + (i % 2))));
        }
        FittedState state = preprocessor.fit(task, records);
        assertThat((List<?>) state.get("boilerplate")).hasSize(2);
        assertThat(transform("本记录仅供临床参考。新发胸痛2小时，向左肩放射。心电图示ST段抬高。请结合临床。", state).get("text"))
                .isEqualTo("新发胸痛2小时，向左肩放射。心电图示ST段抬高。");
    }

    @Test
    void removesSentencesFoundInMostTrainingDocuments() {
        FittedState state = preprocessor.fit(task, notes());

        DataRecord cleaned = transform(HEADER + "\nNew chest pain radiating to the arm. plan   discussed.", state);

        assertThat(cleaned.get("text")).isEqualTo("New chest pain radiating to the arm.");
        assertThat((List<?>) state.get("boilerplate")).hasSize(2);
    }

    @Test
    void keepsARareSentenceAndADocumentMadeOnlyOfBoilerplate() {
        FittedState state = preprocessor.fit(task, notes());

        assertThat(transform("Patient number 3 has finding 0.", state).get("text")).isEqualTo("Patient number 3 has finding 0.");
        assertThat(transform(HEADER + "\nPlan discussed.", state).get("text")).isEqualTo(HEADER + " Plan discussed.");
    }

    @Test
    void needsAtLeastFiveDocumentsToCallASentenceBoilerplate() {
        FittedState state = preprocessor.fit(task, notes().subList(0, 4));

        assertThat((List<?>) state.get("boilerplate")).isEmpty();
    }

    @Test
    void expandsUnambiguousClinicalAbbreviations() {
        FittedState state = preprocessor.fit(task, notes());

        String text = (String) transform("67 y/o pt w/ hx of HTN, T2DM and CAD s/p CABG, c/o SOB; r/o MI.", state).get("text");

        assertThat(text).isEqualTo("67 year-old patient with history of hypertension, type 2 diabetes mellitus and coronary artery"
                + " disease status post coronary artery bypass graft, complains of shortness of breath; rule out myocardial infarction.");
    }

    @Test
    void leavesAmbiguousAbbreviationsAndWordsThatContainAbbreviationsAlone() {
        FittedState state = preprocessor.fit(task, notes());

        String text = "MS flare, PE ruled out, PT/INR normal, DMSO given, admitted with HTNX, the pts' chart, w/o fever.";

        assertThat(transform(text, state).get("text"))
                .isEqualTo("MS flare, PE ruled out, PT/INR normal, DMSO given, admitted with HTNX, the patients' chart, without fever.");
    }

    @Test
    void normalisesUnicodeControlCharactersAndWhitespace() {
        FittedState state = preprocessor.fit(task, notes());

        String text = "\uFEFFFever\u00A0 39\u2009°C\u0000 and\tcough\r\n\r\n  ﬁndings: Ｘ-ray clear ";

        assertThat(transform(text, state).get("text")).isEqualTo("Fever 39 °C and cough findings: X-ray clear");
    }

    @Test
    void leavesRecordsWithoutTextAndOtherFieldsAlone() {
        FittedState state = preprocessor.fit(task, notes());
        DataRecord record = DataRecord.of(Map.of("label", "c1", "other", "hx"));

        assertThat(preprocessor.transform(record, state)).isEqualTo(record);
    }

    @Test
    void isDeterministicAndSurvivesAJsonRoundTripOfItsState() {
        FittedState state = preprocessor.fit(task, notes());
        FittedState restored = JsonRoundTrip.of(state);

        assertThat(preprocessor.fit(task, notes())).isEqualTo(state);
        for (DataRecord record : notes()) {
            assertThat(preprocessor.transform(record, restored)).isEqualTo(preprocessor.transform(record, state));
        }
    }

    @Test
    void storesNoNoteTextInItsState() {
        FittedState state = preprocessor.fit(task, notes());

        assertThat(state.values().toString()).doesNotContain("HOSPITAL", "hospital", "Plan");
    }

    @Test
    void refusesAnUnfittedState() {
        assertThatThrownBy(() -> transform("text", FittedState.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fitted");
    }
}
