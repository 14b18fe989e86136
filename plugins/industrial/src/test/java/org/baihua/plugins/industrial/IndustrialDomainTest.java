package org.baihua.plugins.industrial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.baihua.plugins.industrial.preprocess.MachinePhysics;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FittedState;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class IndustrialDomainTest {

    private final IndustrialDomain domain = new IndustrialDomain();

    private TaskSpec task(String id) {
        return domain.tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void offersTheThreeTasks() {
        assertThat(domain.id()).isEqualTo("industrial");
        assertThat(domain.tasks()).extracting(TaskSpec::id).containsExactly("machine-failure", "failure-mode", "maintenance-log");
        assertThat(task("maintenance-log").labelsFromData()).isTrue();
        assertThat(task("failure-mode").kind()).isEqualTo(TaskKind.MULTILABEL);
        assertThat(task("failure-mode").labels()).containsExactly("TWF", "HDF", "PWF", "OSF", "RNF");
    }

    @Test
    void theWorkOrderTaskDeclaresTheEnglishBgeEncoderAndTheSensorTasksNone() {
        assertThat(task("maintenance-log").encoder()).isEqualTo("bge-small-en-v15");
        assertThat(task("machine-failure").encoder()).isNull();
        assertThat(task("failure-mode").encoder()).isNull();
    }

    @Test
    void noFailureModeColumnIsAnInputAndThePreprocessorFillsEveryDeclaredInput() throws IOException {
        List<String> inputs = task("machine-failure").inputs().stream().map(FieldSpec::name).toList();
        assertThat(inputs).doesNotContain("TWF", "HDF", "PWF", "OSF", "RNF", "Machine failure", "UDI", "Product ID");
        DataRecord raw = Ai4i.records().get(0);
        DataRecord out = new MachinePhysics().transform(raw, FittedState.empty());
        assertThat(out.values().keySet()).containsAll(inputs);
        assertThat(task("failure-mode").inputs()).isEqualTo(task("machine-failure").inputs());
    }

    @Test
    void machineFailureTunesItsThresholdForF1() {
        TaskSpec failure = task("machine-failure");
        assertThat(failure.primaryMetric()).isEqualTo(Metric.F1);
        DecisionPolicy.Threshold policy = (DecisionPolicy.Threshold) failure.decisionPolicy();
        assertThat(policy.positiveLabel()).isEqualTo("failure");
        assertThat(policy.tuning()).isEqualTo(ThresholdTuning.maxF1());
        assertThat(failure.head().hiddenLayers()).containsExactly(64, 32);
    }
}
