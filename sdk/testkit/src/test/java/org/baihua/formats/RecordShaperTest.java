package org.baihua.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class RecordShaperTest {

    private static final TaskSpec BINARY = new TaskSpec("risk", "", TaskKind.BINARY, List.of("negative", "positive"),
            List.of(FieldSpec.numeric("glucose", ""), FieldSpec.categorical("sex", ""), FieldSpec.text("note", "")),
            null, Metric.ROC_AUC, null);
    private static final TaskSpec MULTILABEL = new TaskSpec("modes", "", TaskKind.MULTILABEL, List.of("TWF", "HDF"),
            List.of(FieldSpec.numeric("torque", "")), null, Metric.MACRO_F1, null);
    private static final TaskSpec OPEN = new TaskSpec("topic", "", TaskKind.MULTICLASS, List.of(),
            List.of(FieldSpec.text("text", "")), null, Metric.MACRO_F1, null);

    private static DataRecord row(Object... keyValues) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new DataRecord(7, values);
    }

    @Test
    void mapsColumnsParsesNumbersAndTranslatesLabels() {
        FieldMapping mapping = FieldMapping.parse(BINARY, "glucose=Glucose,note=Notes,label=Outcome", "0:negative,1:positive");
        RecordShaper.Result result = new RecordShaper(BINARY, mapping)
                .shapeLabelled(row("Glucose", "148", "sex", "F", "Notes", "thirsty", "Outcome", "1", "extra", "kept"));

        assertThat(result.rejection()).isNull();
        assertThat(result.record().values()).containsEntry("glucose", 148.0).containsEntry("sex", "F")
                .containsEntry("note", "thirsty").containsEntry("label", "positive").containsEntry("extra", "kept")
                .doesNotContainKeys("Glucose", "Outcome");
        assertThat(result.record().line()).isEqualTo(7);
    }

    @Test
    void everyBadValueIsRejectedWithAReason() {
        RecordShaper shaper = new RecordShaper(BINARY, FieldMapping.parse(BINARY, "", ""));
        assertThat(shaper.shapeLabelled(row("glucose", "high", "note", "x", "label", "positive")).rejection())
                .isEqualTo("field 'glucose' is not a number: 'high'");
        assertThat(shaper.shapeLabelled(row("glucose", "NaN", "note", "x", "label", "positive")).rejection())
                .contains("field 'glucose' is NaN");
        assertThat(shaper.shapeLabelled(row("glucose", "1", "label", "positive")).rejection())
                .isEqualTo("field 'note' is missing");
        assertThat(shaper.shapeLabelled(row("glucose", "1", "note", "x", "label", "maybe")).rejection())
                .startsWith("label 'maybe' is not one of task 'risk' labels [negative, positive]");
        assertThat(shaper.shapeLabelled(row("glucose", "1", "note", "x")).rejection()).isEqualTo("no label (column 'label')");
        assertThat(shaper.shapeUnlabelled(row("glucose", "1", "note", "x")).rejection()).isNull();
    }

    @Test
    void numbersWithUnitsAreKeptForTheDomainsPreprocessor() {
        RecordShaper shaper = new RecordShaper(BINARY, FieldMapping.parse(BINARY, "", ""));
        assertThat(shaper.shapeLabelled(row("glucose", "7.8 mmol/L", "note", "x", "label", "positive")).record().get("glucose"))
                .isEqualTo("7.8 mmol/L");
        assertThat(shaper.shapeLabelled(row("glucose", "140mg/dL", "note", "x", "label", "positive")).record().get("glucose"))
                .isEqualTo("140mg/dL");
        assertThat(shaper.shapeLabelled(row("glucose", "mmol 7", "note", "x", "label", "positive")).rejection())
                .isEqualTo("field 'glucose' is not a number: 'mmol 7'");
    }

    @Test
    void multilabelIndicatorColumnsBecomeALabelList() {
        RecordShaper shaper = new RecordShaper(MULTILABEL, FieldMapping.parse(MULTILABEL, "label=TWF+HDF", ""));
        assertThat(shaper.shapeLabelled(row("torque", "40", "TWF", "1", "HDF", "0")).record().get("label")).isEqualTo(List.of("TWF"));
        assertThat(shaper.shapeLabelled(row("torque", "40", "TWF", "0", "HDF", "0")).record().get("label")).isEqualTo(List.of());
        assertThat(shaper.shapeLabelled(row("torque", "40", "TWF", "2", "HDF", "0")).rejection())
                .isEqualTo("indicator column 'TWF' must be 0/1, was '2'");
        RecordShaper piped = new RecordShaper(MULTILABEL, FieldMapping.parse(MULTILABEL, "", ""));
        assertThat(piped.shapeLabelled(row("torque", "1", "label", "HDF|TWF")).record().get("label")).isEqualTo(List.of("HDF", "TWF"));
    }

    @Test
    void labelsFromDataAcceptAnyLabel() {
        RecordShaper shaper = new RecordShaper(OPEN, FieldMapping.parse(OPEN, "text=OriginalShorttext,label=MajorSystem", ""));
        assertThat(shaper.shapeLabelled(row("OriginalShorttext", "pump lk", "MajorSystem", "hydraulics")).record().values())
                .containsEntry("text", "pump lk").containsEntry("label", "hydraulics");
    }

    @Test
    void aBadMappingNamesTheParameter() {
        assertThatThrownBy(() -> FieldMapping.parse(OPEN, "txt=col", "")).isInstanceOf(MappingException.class)
                .hasMessageContaining("mapping names 'txt', which is not a field of task 'topic'");
        assertThatThrownBy(() -> FieldMapping.parse(OPEN, "text", "")).hasMessageContaining("must look like a=b");
        assertThatThrownBy(() -> FieldMapping.parse(BINARY, "label=A+B", "")).hasMessageContaining("only a multilabel task");
        assertThatThrownBy(() -> FieldMapping.parse(BINARY, "", "0:negative,0:positive")).hasMessageContaining("names '0' twice");
    }

    @Test
    void aSamplesMappingFromPairsFollowsTheSameRules() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("glucose", "Glucose");
        mapping.put("label", "Outcome");
        RecordShaper shaper = new RecordShaper(BINARY, FieldMapping.of(BINARY, mapping, Map.of("1", "positive")));
        assertThat(shaper.shapeLabelled(row("Glucose", "140", "note", "x", "Outcome", "1")).record().values())
                .containsEntry("glucose", 140.0).containsEntry("label", "positive");
        assertThatThrownBy(() -> FieldMapping.of(BINARY, Map.of("label", "A+B"), Map.of()))
                .isInstanceOf(MappingException.class).hasMessageContaining("only a multilabel task")
                .satisfies(e -> assertThat(((MappingException) e).parameter()).isEqualTo("mapping"));
        assertThatThrownBy(() -> FieldMapping.of(BINARY, Map.of("glucos", "G"), Map.of()))
                .hasMessageContaining("mapping names 'glucos', which is not a field of task 'risk'");
    }
}
