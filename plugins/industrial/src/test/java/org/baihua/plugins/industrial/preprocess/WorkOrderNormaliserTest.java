package org.baihua.plugins.industrial.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.baihua.plugins.industrial.JsonLike;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkOrderNormaliserTest {

    private final WorkOrderNormaliser normaliser = new WorkOrderNormaliser();
    private final FittedState state = normaliser.fit(null, java.util.List.of());

    private String text(String raw) {
        return (String) normaliser.transform(DataRecord.of(Map.of("text", raw)), state).get("text");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "repl hyd hose, lk at fitting|replace hydraulic hose, leak at fitting",
            "REPL HYD HOSE|replace hydraulic HOSE",
            "chk eng oil lvl.|check engine oil level",
            "Repl. brg (DE side)|replace bearing (DE side)",
            "mtr trips on ovld; reset brkr!|motor trips on overload; reset breaker!",
            "pump u/s w/o spare, b/d|pump unserviceable without spare, breakdown",
            "hyd/elec flt|hydraulic/electrical fault",
            "(hyd) lk|(hydraulic) leak",
            "p/n 12/34 replaced|p/n 12/34 replaced",
            "repair complete|repair complete",
            "engine repl|engine replace"})
    void expandsTheDocumentedAbbreviations(String raw, String expected) {
        assertThat(text(raw)).isEqualTo(expected);
    }

    @Test
    void dropsControlCharactersAndCollapsesWhitespace() {
        assertThat(text("  chk\tvlv\n\n lk\u0000 ")).isEqualTo("check valve leak");
        assertThat(text("")).isEmpty();
    }

    @Test
    void normalisesTheAssetTypeAndLeavesOtherFieldsAlone() {
        DataRecord out = normaliser.transform(new DataRecord(8, Map.of("asset_type", " HYD  Press ", "text", "ok",
                "label", "Hydraulics", "priority", 2.0)), state);
        assertThat(out.get("asset_type")).isEqualTo("hydraulic press");
        assertThat(out.get("label")).isEqualTo("Hydraulics");
        assertThat(out.get("priority")).isEqualTo(2.0);
        assertThat(out.line()).isEqualTo(8);
        assertThat(normaliser.transform(DataRecord.of(Map.of("asset_type", "  ")), state).values())
                .doesNotContainKey("asset_type");
    }

    @Test
    void theDictionaryFrozenInTheFittedStateIsTheOneUsed() {
        FittedState restored = JsonLike.roundTrip(state);
        assertThat(normaliser.transform(DataRecord.of(Map.of("text", "repl hyd hose")), restored))
                .isEqualTo(normaliser.transform(DataRecord.of(Map.of("text", "repl hyd hose")), state));

        Map<String, Object> older = new HashMap<>();
        older.put(WorkOrderNormaliser.DICTIONARY, Map.of("hyd", "hydraulics"));
        DataRecord out = normaliser.transform(DataRecord.of(Map.of("text", "repl hyd hose")), new FittedState(older));
        assertThat(out.get("text")).isEqualTo("repl hydraulics hose");
    }

    @Test
    void aStateWithoutTheDictionaryIsAClearError() {
        assertThatThrownBy(() -> normaliser.transform(DataRecord.of(Map.of("text", "x")), FittedState.empty()))
                .hasMessageContaining("'abbreviations'");
    }

    @Test
    void theShippedDictionaryHoldsTheIssuesExamplesAndNoAmbiguousShortForms() {
        Map<String, String> dictionary = Abbreviations.shipped();
        assertThat(dictionary).containsEntry("repl", "replace").containsEntry("hyd", "hydraulic")
                .containsEntry("eng", "engine").containsEntry("lk", "leak");
        assertThat(dictionary).doesNotContainKeys("comp", "min", "press");
        assertThat(dictionary.size()).isGreaterThan(50);
    }

    @Test
    void isDeterministicAndAppliesOnlyToMaintenanceLog() {
        assertThat(text("repl hyd hose")).isEqualTo(text("repl hyd hose"));
        assertThat(normaliser.appliesTo("industrial", "maintenance-log")).isTrue();
        assertThat(normaliser.appliesTo("industrial", "machine-failure")).isFalse();
    }
}
