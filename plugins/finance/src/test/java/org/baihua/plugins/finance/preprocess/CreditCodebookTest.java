package org.baihua.plugins.finance.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.plugins.finance.FinanceSamples;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FittedState;
import org.junit.jupiter.api.Test;

class CreditCodebookTest {

    private final CreditCodebook codebook = new CreditCodebook();

    @Test
    void translatesCodesIntoTheReadableValuesOfGermanNames() {
        DataRecord out = codebook.transform(new DataRecord(3, Map.of("checking_status", "A11", "purpose", " A410 ",
                "foreign_worker", "A202", "duration_months", 6.0, "label", "good")), FittedState.empty());
        assertThat(out.get("checking_status")).isEqualTo("below 0 DM");
        assertThat(out.get("purpose")).isEqualTo("others");
        assertThat(out.get("foreign_worker")).isEqualTo("no");
        assertThat(out.get("duration_months")).isEqualTo(6.0);
        assertThat(out.get("label")).isEqualTo("good");
    }

    @Test
    void readableValuesPassThroughTrimmed() {
        DataRecord out = codebook.transform(DataRecord.of(Map.of("housing", "  own ", "job", "skilled")), FittedState.empty());
        assertThat(out.get("housing")).isEqualTo("own");
        assertThat(out.get("job")).isEqualTo("skilled");
    }

    @Test
    void aCodeInTheWrongColumnIsCaughtNamingBothFields() {
        assertThatThrownBy(() -> codebook.transform(new DataRecord(12, Map.of("purpose", "A11")), FittedState.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 12")
                .hasMessageContaining("'purpose'")
                .hasMessageContaining("'checking_status'");
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThatThrownBy(() -> codebook.transform(new DataRecord(4, Map.of("savings", "A66")), FittedState.empty()))
                .hasMessageContaining("line 4").hasMessageContaining("'A66'");
    }

    @Test
    void everyRowOfTheShippedSampleTranslatesCompletely() throws IOException {
        List<String> columns = FinanceSamples.GERMAN_COLUMNS;
        int rows = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new FinanceSamples().open("german-credit"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                rows++;
                String[] cells = line.split(",");
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), cells[i]);
                }
                DataRecord out = codebook.transform(new DataRecord(rows, values), FittedState.empty());
                out.values().forEach((field, value) ->
                        assertThat(String.valueOf(value)).as("line %d field %s", 0, field).doesNotMatch("A\\d+"));
            }
        }
        assertThat(rows).isEqualTo(1000);
    }
}
