package org.baihua.plugins.industrial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.baihua.sdk.SampleData;
import org.junit.jupiter.api.Test;

class IndustrialSamplesTest {

    private final IndustrialSamples samples = new IndustrialSamples();

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyTaskHasASample() {
        assertThat(samples.samples()).extracting(SampleData.Sample::taskId)
                .containsExactlyInAnyOrder("machine-failure", "failure-mode", "maintenance-log");
        assertThat(samples.samples()).allSatisfy(s -> {
            assertThat(s.domainId()).isEqualTo("industrial");
            assertThat(s.attribution()).isNotBlank();
        });
    }

    @Test
    void theAi4iMappingNamesColumnsThatExistInTheTabSeparatedHeader() throws IOException {
        String file = text(samples.open("ai4i-machine-failure"));
        List<String> header = List.of(file.substring(0, file.indexOf("\r\n")).split("\t"));
        for (SampleData.Sample sample : samples.samples().subList(0, 2)) {
            assertThat(sample.options().get("delimiter", ",")).isEqualTo("\t");
            sample.mapping().forEach((field, column) -> {
                for (String part : column.split("\\+")) {
                    assertThat(header).as("%s: %s=%s", sample.name(), field, part).contains(part);
                }
            });
        }
        assertThat(samples.samples().get(0).mapping()).containsEntry("label", "Machine failure");
        assertThat(samples.samples().get(0).labelValues()).containsEntry("0", "ok").containsEntry("1", "failure");
        assertThat(samples.samples().get(1).mapping()).containsEntry("label", "TWF+HDF+PWF+OSF+RNF");
    }

    @Test
    void anUnknownSampleNamesTheOnesThatExist() {
        assertThatThrownBy(() -> samples.open("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ai4i-machine-failure");
    }

    @Test
    void theAttributionFileShipsBesideTheSamples() throws IOException {
        String text = text(IndustrialSamples.class.getResourceAsStream("/samples/DATA.md"));
        assertThat(text).contains("Matzka").contains("synthetic").contains("seed");
    }
}
