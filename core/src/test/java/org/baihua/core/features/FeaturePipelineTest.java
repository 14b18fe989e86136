package org.baihua.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.LongText;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {

    private static final TaskSpec TASK = new TaskSpec("triage", "", TaskKind.BINARY, List.of("no", "yes"),
            List.of(FieldSpec.text("note", ""), FieldSpec.numeric("age", ""), FieldSpec.categorical("ward", "")),
            null, Metric.ACCURACY, null);

    private final HashingTextEncoder encoder = new HashingTextEncoder("hash-8", 8);

    private static DataRecord record(long line, String note, Object age, String ward) {
        Map<String, Object> values = new HashMap<>();
        values.put("note", note);
        values.put("age", age);
        values.put("ward", ward);
        return new DataRecord(line, values);
    }

    private static List<DataRecord> training() {
        return List.of(
                record(1, "chest pain", 20.0, "a"),
                record(2, "cough and fever", 40.0, "b"),
                record(3, "chest pain again", null, "a"),
                record(4, "fever", 60.0, null));
    }

    @Test
    void numericFieldsAreStandardisedWithTrainingStatisticsAndMissingValuesFlagged() {
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        FieldEncoding age = pipeline.state().fields().get(1);
        assertThat(age.mean()).isEqualTo(40.0);
        assertThat(age.std()).isCloseTo(Math.sqrt(800.0 / 3), within(1e-12)); // population std of 20, 40, 60
        float[][] x = pipeline.transform(List.of(record(9, "x", 60.0, "a"), record(10, "x", null, "a")));
        assertThat(x[0][age.offset()]).isCloseTo((float) (20 / Math.sqrt(800.0 / 3)), within(1e-6f));
        assertThat(x[0][age.offset() + 1]).isZero();
        assertThat(x[1][age.offset()]).isZero();
        assertThat(x[1][age.offset() + 1]).isEqualTo(1f);
    }

    @Test
    void categoricalFieldsAreOneHotWithOtherAndMissingSlots() {
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        FieldEncoding ward = pipeline.state().fields().get(2);
        assertThat(ward.vocabulary()).containsExactly("a", "b"); // most frequent first
        assertThat(ward.width()).isEqualTo(4);
        float[][] x = pipeline.transform(List.of(record(1, "x", 1.0, "b"), record(2, "x", 1.0, "zzz"),
                record(3, "x", 1.0, null)));
        int o = ward.offset();
        assertThat(new float[] {x[0][o], x[0][o + 1], x[0][o + 2], x[0][o + 3]}).containsExactly(0, 1, 0, 0);
        assertThat(new float[] {x[1][o], x[1][o + 1], x[1][o + 2], x[1][o + 3]}).containsExactly(0, 0, 1, 0);
        assertThat(new float[] {x[2][o], x[2][o + 1], x[2][o + 2], x[2][o + 3]}).containsExactly(0, 0, 0, 1);
    }

    @Test
    void textFieldsAreEmbeddedByTheSharedEncoderInOneBatch() {
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        int before = encoder.calls();
        float[][] x = pipeline.transform(training());
        assertThat(encoder.calls()).isEqualTo(before + 1);
        float[] expected = encoder.embed(List.of("cough and fever"))[0];
        for (int d = 0; d < 8; d++) {
            assertThat(x[1][d]).isEqualTo(expected[d]);
        }
        assertThat(pipeline.dimensions()).isEqualTo(8 + 2 + 4);
        assertThat(pipeline.featureNames()).contains("note[0]", "age", "age:missing", "ward=a", "ward:other", "ward:missing");
    }

    @Test
    void stateSurvivesAJsonRoundTripAndTransformsIdentically() throws Exception {
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(pipeline.state());
        PipelineState restoredState = mapper.readValue(json, PipelineState.class);
        assertThat(restoredState).isEqualTo(pipeline.state());
        FittedPipeline restored = FittedPipeline.restore(restoredState, (id, longText) -> {
            assertThat(id).isEqualTo("hash-8");
            return encoder;
        });
        List<DataRecord> serving = List.of(record(1, "new pain", 33.0, "c"), record(2, "fever", null, "b"));
        assertThat(restored.transform(serving)).isDeepEqualTo(pipeline.transform(serving));
    }

    @Test
    void theLongTextStrategyIsKeptInTheStateAndAskedForWhenRestored() throws Exception {
        FittedPipeline chunked = FeaturePipeline.fit(TASK, training(), encoder, LongText.CHUNK);
        ObjectMapper mapper = new ObjectMapper();
        PipelineState state = mapper.readValue(mapper.writeValueAsString(chunked.state()), PipelineState.class);
        assertThat(state.longText()).isEqualTo("chunk");
        List<LongText> asked = new java.util.ArrayList<>();
        FittedPipeline.restore(state, (id, longText) -> {
            asked.add(longText);
            return encoder;
        });
        assertThat(asked).containsExactly(LongText.CHUNK);

        // A state stored before strategies existed has no longText: truncation, as then.
        String old = mapper.writeValueAsString(FeaturePipeline.fit(TASK, training(), encoder).state()).replace(",\"longText\":null", "");
        assertThat(old).doesNotContain("longText");
        assertThat(mapper.readValue(old, PipelineState.class).longTextStrategy()).isEqualTo(LongText.TRUNCATE);
    }

    @Test
    void nanAndInfinityAreRejectedNamingTheFieldAndLine() {
        List<DataRecord> bad = List.of(record(1, "a", 1.0, "a"), record(7, "b", Double.NaN, "a"));
        assertThatThrownBy(() -> FeaturePipeline.fit(TASK, bad, encoder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 7").hasMessageContaining("'age'").hasMessageContaining("NaN");
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        assertThatThrownBy(() -> pipeline.transform(List.of(record(12, "a", Double.POSITIVE_INFINITY, "a"))))
                .hasMessageContaining("line 12").hasMessageContaining("'age'").hasMessageContaining("Infinity");
        assertThatThrownBy(() -> pipeline.transform(List.of(record(13, "a", "old", "a"))))
                .hasMessageContaining("line 13").hasMessageContaining("'age'").hasMessageContaining("not a number");
    }

    @Test
    void emptyTrainingSetAndNumericFieldWithoutValuesAreErrors() {
        assertThatThrownBy(() -> FeaturePipeline.fit(TASK, List.of(), encoder)).hasMessageContaining("empty");
        assertThatThrownBy(() -> FeaturePipeline.fit(TASK, List.of(record(1, "a", null, "a")), encoder))
                .hasMessageContaining("numeric field 'age' has no value");
    }

    @Test
    void restoringWithAnotherEncoderIsRefused() {
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, training(), encoder);
        assertThatThrownBy(() -> FittedPipeline.restore(pipeline.state(), (id, longText) -> new HashingTextEncoder("other", 8)))
                .hasMessageContaining("fitted with encoder 'hash-8'");
    }

    @Test
    void constantNumericFieldStandardisesToZero() {
        List<DataRecord> same = List.of(record(1, "a", 5.0, "a"), record(2, "b", 5.0, "b"));
        FittedPipeline pipeline = FeaturePipeline.fit(TASK, same, encoder);
        assertThat(pipeline.state().fields().get(1).std()).isEqualTo(1.0);
        assertThat(pipeline.transform(same)[0][8]).isZero();
    }
}
