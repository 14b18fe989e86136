package org.baihua.plugins.medical.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.baihua.plugins.medical.MedicalDomainFixture;
import org.baihua.plugins.medical.testing.JsonRoundTrip;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class DiabetesRiskPreprocessorTest {

    private final DiabetesRiskPreprocessor preprocessor = new DiabetesRiskPreprocessor();
    private final TaskSpec task = MedicalDomainFixture.task("diabetes-risk");

    /** 100 plausible records with glucose 100..199 and insulin 50..149, plus coded zeros. */
    private static List<DataRecord> training() {
        List<DataRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> values = new HashMap<>();
            values.put("glucose", 100.0 + i);
            values.put("insulin", i % 4 == 0 ? "0" : Double.toString(50 + i));
            values.put("bmi", 20.0 + i / 10.0);
            values.put("pregnancies", (double) (i % 6));
            values.put("label", i % 3 == 0 ? "positive" : "negative");
            records.add(new DataRecord(i + 1, values));
        }
        return records;
    }

    @Test
    void appliesToDiabetesRiskOnly() {
        assertThat(preprocessor.appliesTo("medical", "diabetes-risk")).isTrue();
        assertThat(preprocessor.appliesTo("medical", "condition")).isFalse();
        assertThat(preprocessor.appliesTo("finance", "diabetes-risk")).isFalse();
    }

    @Test
    void treatsCodedZerosAsMissingButKeepsZeroPregnancies() {
        FittedState state = preprocessor.fit(task, training());
        DataRecord record = new DataRecord(4, Map.of("glucose", 0.0, "blood_pressure", "0", "skin_thickness", 0.0,
                "insulin", "0", "bmi", 0.0, "pregnancies", 0.0, "diabetes_pedigree", 0.0, "label", "negative"));

        DataRecord cleaned = preprocessor.transform(record, state);

        assertThat(cleaned.values()).doesNotContainKeys("glucose", "blood_pressure", "skin_thickness", "insulin", "bmi");
        assertThat(cleaned.values()).containsEntry("pregnancies", 0.0).containsEntry("diabetes_pedigree", 0.0)
                .containsEntry("label", "negative");
        assertThat(cleaned.line()).isEqualTo(4);
    }

    @Test
    void treatsImpossibleValuesAsMissing() {
        FittedState state = preprocessor.fit(task, training());

        DataRecord cleaned = preprocessor.transform(DataRecord.of(Map.of(
                "blood_pressure", 400.0, "bmi", -3.0, "age", 250.0, "pregnancies", 45.0, "glucose", Double.NaN)), state);

        assertThat(cleaned.values()).isEmpty();
    }

    @Test
    void convertsValuesGivenWithUnits() {
        FittedState state = preprocessor.fit(task, training());

        DataRecord cleaned = preprocessor.transform(DataRecord.of(Map.of(
                "glucose", "7.5 mmol/L", "insulin", "600 pmol/L", "blood_pressure", "10 kPa", "skin_thickness", " 2.3 cm ",
                "age", "41")), state);

        assertThat(cleaned.number("glucose")).isCloseTo(135.12, within(1e-9));
        assertThat(cleaned.number("insulin")).isCloseTo(100.0, within(1e-9));
        assertThat(cleaned.number("blood_pressure")).isCloseTo(75.0062, within(1e-9));
        assertThat(cleaned.number("skin_thickness")).isCloseTo(23.0, within(1e-9));
        assertThat(cleaned.get("age")).isEqualTo(41.0);
    }

    @Test
    void clipsToTheTrainingPercentiles() {
        FittedState state = preprocessor.fit(task, training());

        DataRecord high = preprocessor.transform(DataRecord.of(Map.of("glucose", 1500.0, "insulin", 900.0)), state);
        DataRecord low = preprocessor.transform(DataRecord.of(Map.of("glucose", 30.0)), state);
        DataRecord inside = preprocessor.transform(DataRecord.of(Map.of("glucose", 150.0)), state);

        // glucose 100..199: 1st percentile 100.99, 99th 198.01
        assertThat(high.number("glucose")).isCloseTo(198.01, within(1e-9));
        assertThat(low.number("glucose")).isCloseTo(100.99, within(1e-9));
        assertThat(inside.number("glucose")).isEqualTo(150.0);
        assertThat(high.number("insulin")).isLessThan(150.0);
    }

    @Test
    void learnsNoBoundsFromTooFewValues() {
        FittedState state = preprocessor.fit(task, training().subList(0, 10));

        assertThat(preprocessor.transform(DataRecord.of(Map.of("glucose", 1500.0)), state).number("glucose")).isEqualTo(1500.0);
    }

    @Test
    void givesTheSameResultAfterAJsonRoundTripOfItsState() {
        FittedState state = preprocessor.fit(task, training());
        FittedState restored = JsonRoundTrip.of(state);

        for (DataRecord record : training()) {
            assertThat(preprocessor.transform(record, restored)).isEqualTo(preprocessor.transform(record, state));
        }
        assertThat(preprocessor.fit(task, training())).isEqualTo(state);
    }

    @Test
    void namesTheLineAndFieldOfAValueItCannotRead() {
        FittedState state = preprocessor.fit(task, training());

        assertThatThrownBy(() -> preprocessor.transform(new DataRecord(12, Map.of("glucose", "high")), state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 12").hasMessageContaining("'glucose'");
        assertThatThrownBy(() -> preprocessor.transform(new DataRecord(13, Map.of("glucose", "140 mg")), state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 13").hasMessageContaining("unit 'mg'");
        assertThatThrownBy(() -> preprocessor.transform(new DataRecord(14, Map.of("bmi", List.of("a"))), state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 14").hasMessageContaining("list");
        assertThatThrownBy(() -> preprocessor.transform(DataRecord.of(Map.of()), FittedState.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fitted");
    }
}
