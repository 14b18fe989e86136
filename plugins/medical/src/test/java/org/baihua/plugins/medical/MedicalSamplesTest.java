package org.baihua.plugins.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.baihua.sdk.SampleData.Sample;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class MedicalSamplesTest {

    private final MedicalSamples samples = new MedicalSamples();

    private Sample sample(String name) {
        return samples.samples().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> lines(String name) throws IOException {
        try (InputStream in = samples.open(name);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    @Test
    void servesEachTaskOfTheDomain() {
        Set<String> tasks = new MedicalDomain().tasks().stream().map(TaskSpec::id).collect(Collectors.toSet());

        assertThat(samples.samples()).extracting(Sample::taskId).containsAll(tasks).allMatch(tasks::contains);
        assertThat(samples.samples()).allSatisfy(s -> {
            assertThat(s.domainId()).isEqualTo("medical");
            assertThat(s.format()).isEqualTo("csv");
            assertThat(s.attribution()).containsIgnoringCase("licence");
        });
    }

    @Test
    void theChineseSampleIsSyntheticBalancedAndChinese() throws IOException {
        Sample notes = sample("synthetic-chinese-notes");
        assertThat(notes.taskId()).isEqualTo("condition");
        assertThat(notes.attribution()).startsWith("SYNTHETIC");
        assertThat(notes.mapping()).containsEntry("text", "text").containsEntry("label", "label");
        assertThat(notes.labelValues()).as("labels come from the data").isEmpty();
        List<String> lines = lines("synthetic-chinese-notes");
        assertThat(lines.get(0)).isEqualTo("\"text\",\"label\"");
        assertThat(lines).hasSize(251);
        java.util.Map<String, Long> labels = lines.stream().skip(1)
                .map(l -> l.substring(l.lastIndexOf(",\"") + 2, l.length() - 1))
                .collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        assertThat(labels).containsOnlyKeys("心血管疾病", "呼吸系统疾病", "消化系统疾病", "神经系统疾病", "内分泌代谢疾病")
                .allSatisfy((label, count) -> assertThat(count).isEqualTo(50));
        assertThat(lines.stream().skip(1)).allSatisfy(l -> assertThat(l.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count()).isGreaterThan(30));
    }

    @Test
    void mapsTheAbstractsColumnsAndLabelCodes() throws IOException {
        Sample abstracts = sample("medical-abstracts");
        List<String> lines = lines("medical-abstracts");

        assertThat(lines.get(0)).isEqualTo("condition_label,medical_abstract");
        assertThat(abstracts.mapping()).containsEntry("text", "medical_abstract").containsEntry("label", "condition_label");
        assertThat(abstracts.labelValues()).hasSize(5).containsEntry("1", "neoplasms")
                .containsEntry("5", "general pathological conditions");
    }

    @Test
    void namesThePimaColumnsAfterTheTaskFields() throws IOException {
        Sample pima = sample("pima-diabetes");
        TaskSpec task = MedicalDomainFixture.task("diabetes-risk");
        List<String> columns = List.of(pima.options().get("columns", "").split(","));

        assertThat(pima.options().flag("header", true)).isFalse();
        assertThat(columns).hasSize(9).endsWith("outcome");
        assertThat(columns.subList(0, 8)).containsExactlyElementsOf(task.inputs().stream().map(f -> f.name()).toList());
        assertThat(pima.labelValues()).containsEntry("0", "negative").containsEntry("1", "positive");
        assertThat(lines("pima-diabetes")).hasSize(768).allSatisfy(line -> assertThat(line.split(",")).hasSize(9));
    }

    @Test
    void refusesAnUnknownSample() {
        assertThatThrownBy(() -> samples.open("mimic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mimic'").hasMessageContaining("pima-diabetes");
    }
}
