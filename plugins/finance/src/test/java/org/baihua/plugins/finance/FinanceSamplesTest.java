package org.baihua.plugins.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.baihua.sdk.Domain;
import org.baihua.sdk.SampleData;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class FinanceSamplesTest {

    private final FinanceSamples samples = new FinanceSamples();
    private final Domain domain = new FinanceDomain();

    private List<CSVRecord> read(SampleData.Sample sample) throws IOException {
        String delimiter = sample.options().get("delimiter", ",");
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter);
        if (sample.options().flag("header", true)) {
            format.setHeader().setSkipHeaderRecord(true);
        } else {
            format.setHeader(sample.options().get("columns", "").split(","));
        }
        try (InputStream in = samples.open(sample.name());
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = format.get().parse(reader)) {
            return parser.getRecords();
        }
    }

    @Test
    void everyTaskHasASampleAndEverySampleReadsWithItsOwnOptions() throws IOException {
        Set<String> tasks = new HashSet<>();
        for (SampleData.Sample sample : samples.samples()) {
            tasks.add(sample.taskId());
            assertThat(sample.domainId()).isEqualTo("finance");
            assertThat(sample.attribution()).isNotBlank();
            TaskSpec task = domain.tasks().stream().filter(t -> t.id().equals(sample.taskId())).findFirst().orElseThrow();

            List<CSVRecord> rows = read(sample);
            assertThat(rows).as(sample.name()).hasSizeGreaterThan(900);
            String labelColumn = sample.mapping().get("label");
            Set<String> labels = new HashSet<>();
            for (CSVRecord row : rows) {
                assertThat(row.isConsistent()).as("%s record %d", sample.name(), row.getRecordNumber()).isTrue();
                labels.add(sample.labelValues().get(row.get(labelColumn)));
            }
            assertThat(labels).as(sample.name()).containsExactlyInAnyOrderElementsOf(task.labels());
            sample.mapping().forEach((field, column) ->
                    assertThat(rows.get(0).isMapped(column)).as("%s column %s", sample.name(), column).isTrue());
        }
        assertThat(tasks).containsExactlyInAnyOrder("credit-risk", "news-sentiment", "fraud");
    }

    @Test
    void theSampleFilesAreTheSizesTheirSourcesState() throws IOException {
        SampleData.Sample german = samples.samples().get(0);
        SampleData.Sample news = samples.samples().get(1);
        assertThat(read(german)).hasSize(1000);
        assertThat(read(news)).hasSize(9543);
    }

    @Test
    void anUnknownSampleNamesTheOnesThatExist() {
        assertThatThrownBy(() -> samples.open("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("german-credit");
    }

    @Test
    void theAttributionFileShipsBesideTheSamples() throws IOException {
        try (InputStream in = FinanceSamples.class.getResourceAsStream("/samples/DATA.md")) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("Hofmann").contains("MIT").contains("synthetic").contains("seed");
        }
    }
}
