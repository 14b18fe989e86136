package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.SampleData.Sample;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class SampleShaperTest {

    private static Sample sample(Map<String, String> mapping, Map<String, String> labelValues) {
        return new Sample("s", "d", "t", "csv", AdapterOptions.none(), mapping, labelValues, "tests");
    }

    private final TaskSpec binary = new TaskSpec("t", "", TaskKind.BINARY, List.of("negative", "positive"),
            List.of(FieldSpec.text("text", ""), FieldSpec.numeric("glucose", "")), null, org.baihua.sdk.Metric.ROC_AUC, null);

    @Test
    void mapsColumnsLabelValuesAndNumbersAsTheHostDoes() {
        SampleShaper shaper = new SampleShaper(binary, sample(Map.of("text", "note", "label", "outcome"), Map.of("1", "positive")));

        SampleShaper.Result result = shaper.shape(new DataRecord(4, Map.of("note", "thirsty", "glucose", "7.8 mmol/L",
                "outcome", "1", "extra", "kept")));

        assertThat(result.rejection()).isNull();
        assertThat(result.record().values()).containsEntry("text", "thirsty").containsEntry("glucose", "7.8 mmol/L")
                .containsEntry("label", "positive").containsEntry("extra", "kept").doesNotContainKeys("note", "outcome");
        assertThat(shaper.shape(new DataRecord(5, Map.of("note", "x", "glucose", "140", "outcome", "1"))).record().get("glucose"))
                .isEqualTo(140.0);
    }

    @Test
    void rejectsWhatTheHostWouldReject() {
        SampleShaper shaper = new SampleShaper(binary, sample(Map.of(), Map.of()));

        assertThat(shaper.shape(new DataRecord(2, Map.of("label", "positive"))).rejection()).isEqualTo("field 'text' is missing (column 'text')");
        assertThat(shaper.shape(new DataRecord(3, Map.of("text", "a", "glucose", "high", "label", "positive"))).rejection())
                .isEqualTo("field 'glucose' is not a number: 'high'");
        assertThat(shaper.shape(new DataRecord(4, Map.of("text", "a", "label", "1"))).rejection())
                .startsWith("label '1' is not one of task 't' labels");
    }

    @Test
    void readsMultilabelIndicatorColumns() {
        TaskSpec multilabel = new TaskSpec("m", "", TaskKind.MULTILABEL, List.of("TWF", "HDF"),
                List.of(FieldSpec.numeric("torque", "")), null, org.baihua.sdk.Metric.MACRO_F1, null);
        SampleShaper shaper = new SampleShaper(multilabel, sample(Map.of("label", "TWF+HDF"), Map.of()));

        assertThat(shaper.shape(DataRecord.of(Map.of("torque", 40, "TWF", "1", "HDF", "0"))).record().get("label")).isEqualTo(List.of("TWF"));
        assertThat(shaper.shape(DataRecord.of(Map.of("torque", 40, "TWF", "maybe", "HDF", "0"))).rejection())
                .isEqualTo("indicator column 'TWF' must be 0/1, was 'maybe'");
    }
}
