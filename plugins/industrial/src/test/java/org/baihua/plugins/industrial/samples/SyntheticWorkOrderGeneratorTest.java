package org.baihua.plugins.industrial.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.baihua.plugins.industrial.IndustrialSamples;
import org.junit.jupiter.api.Test;

class SyntheticWorkOrderGeneratorTest {

    private static String committed() throws IOException {
        try (InputStream in = new IndustrialSamples().open("synthetic-work-orders")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCommittedSampleIsExactlyTheGeneratorsOutputForTheSeed() throws IOException {
        StringBuilder generated = new StringBuilder();
        new SyntheticWorkOrderGenerator(SyntheticWorkOrderGenerator.SEED).write(SyntheticWorkOrderGenerator.ROWS, generated);
        assertThat(generated.toString().equals(committed()))
                .as("samples/synthetic-work-orders.csv differs from the generator's output: rerun its main")
                .isTrue();
    }

    @Test
    void theSampleHasSixSkewedCategoriesAndAbbreviatedText() throws IOException {
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(committed())).getRecords();
        Map<String, Integer> counts = new HashMap<>();
        int abbreviated = 0;
        for (CSVRecord row : rows) {
            assertThat(row.isConsistent()).isTrue();
            counts.merge(row.get("category"), 1, Integer::sum);
            if (row.get("text").toLowerCase(java.util.Locale.ROOT).matches(".*\\b(repl|hyd|chk|lk|mtr|brg)\\b.*")) {
                abbreviated++;
            }
        }
        assertThat(rows).hasSize(SyntheticWorkOrderGenerator.ROWS);
        assertThat(counts).hasSize(6);
        assertThat(counts.get("mechanical")).isGreaterThan(3 * counts.get("pneumatics"));
        assertThat(abbreviated).isGreaterThan(rows.size() / 3);
    }
}
