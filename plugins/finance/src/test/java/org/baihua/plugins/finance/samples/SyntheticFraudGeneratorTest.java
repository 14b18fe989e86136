package org.baihua.plugins.finance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.baihua.plugins.finance.FinanceSamples;
import org.baihua.plugins.finance.privacy.FinanceRedactor;
import org.baihua.sdk.DataRecord;
import org.junit.jupiter.api.Test;

class SyntheticFraudGeneratorTest {

    private static String committed() throws IOException {
        try (InputStream in = new FinanceSamples().open("synthetic-fraud")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCommittedSampleIsExactlyTheGeneratorsOutputForTheSeed() throws IOException {
        StringBuilder generated = new StringBuilder();
        new SyntheticFraudGenerator(SyntheticFraudGenerator.SEED).write(SyntheticFraudGenerator.ROWS, generated);
        assertThat(generated.toString().equals(committed()))
                .as("samples/synthetic-fraud.csv differs from the generator's output: rerun SyntheticFraudGenerator.main")
                .isTrue();
    }

    @Test
    void anotherSeedGivesAnotherFile() throws IOException {
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        new SyntheticFraudGenerator(1).write(200, a);
        new SyntheticFraudGenerator(2).write(200, b);
        assertThat(a.toString()).isNotEqualTo(b.toString());
    }

    @Test
    void theSampleIsHeavilyImbalancedAndItsCardNumbersGetMasked() throws IOException {
        String[] lines = committed().split("\n");
        assertThat(lines[0]).isEqualTo(SyntheticFraudGenerator.HEADER);
        assertThat(lines).hasSize(SyntheticFraudGenerator.ROWS + 1);
        Map<String, Integer> labels = new HashMap<>();
        FinanceRedactor redactor = new FinanceRedactor();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertThat(cells).hasSize(11);
            labels.merge(cells[10], 1, Integer::sum);
            if (i % 500 == 0) {
                DataRecord masked = redactor.redact(DataRecord.of(Map.of("card_number", cells[2])));
                assertThat((String) masked.get("card_number"))
                        .matches("\\*{12}\\d{4}").endsWith(cells[2].substring(12));
            }
        }
        double fraudRate = labels.get("1") / (double) SyntheticFraudGenerator.ROWS;
        assertThat(fraudRate).isBetween(0.015, 0.025);
    }
}
