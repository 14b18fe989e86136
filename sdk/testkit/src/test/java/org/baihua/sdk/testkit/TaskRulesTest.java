package org.baihua.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class TaskRulesTest {

    private static TaskSpec task(TaskKind kind, List<String> labels, Metric metric, DecisionPolicy policy) {
        return new TaskSpec("t", "a task", kind, labels, List.of(FieldSpec.text("text", "the text")), null, metric, policy);
    }

    @Test
    void acceptsTheUsualShapes() {
        assertThat(TaskRules.policyAndMetric(task(TaskKind.BINARY, List.of("no", "yes"), Metric.F1,
                new DecisionPolicy.Threshold("yes", 0.5, ThresholdTuning.maxF1())))).isEmpty();
        assertThat(TaskRules.policyAndMetric(task(TaskKind.MULTILABEL, List.of("a", "b", "c"), Metric.MACRO_F1,
                new DecisionPolicy.TopK(2)))).isEmpty();
        assertThat(TaskRules.policyAndMetric(task(TaskKind.MULTICLASS, List.of(), Metric.EXPECTED_COST,
                new DecisionPolicy.MinimumCost(Map.of("x", Map.of("y", 2.0)))))).isEmpty();
        assertThat(TaskRules.labels(task(TaskKind.MULTICLASS, List.of(), Metric.ACCURACY, null))).isEmpty();
    }

    @Test
    void refusesPoliciesOfAnotherKind() {
        assertThat(TaskRules.policyAndMetric(task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.ACCURACY,
                new DecisionPolicy.Threshold("a", 0.5, null)))).singleElement().asString().contains("uses a Threshold");
        assertThat(TaskRules.policyAndMetric(task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.MACRO_F1,
                new DecisionPolicy.TopK(3)))).singleElement().asString().contains("TopK(3) but has only 2 labels");
        assertThat(TaskRules.policyAndMetric(task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.MACRO_F1,
                new DecisionPolicy.Threshold(null, 0.4, ThresholdTuning.targetRecall(0.9)))))
                .singleElement().asString().contains("tunes its threshold (TARGET_RECALL)");
        assertThat(TaskRules.policyAndMetric(task(TaskKind.BINARY, List.of("good", "bad"), Metric.EXPECTED_COST,
                new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("okay", 5.0))))))
                .singleElement().asString().contains("cost matrix names 'okay'");
    }

    @Test
    void refusesHeadsThatDoNotFitTheKind() {
        TaskSpec multilabel = task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.MACRO_F1, null);
        HeadSpec smoothed = new HeadSpec(List.of(), null, 0, ClassWeighting.explicit(Map.of("c", 2.0)), 0.1, null);

        assertThat(TaskRules.head(multilabel, smoothed, "default head")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("label smoothing 0.1"))
                .anySatisfy(p -> assertThat(p).contains("class weight names 'c'"));
        assertThat(TaskRules.head(multilabel, null, "head designed for small data")).singleElement().asString().contains("is null");
    }

    @Test
    void refusesLabelsThatIngestCannotCarry() {
        assertThat(TaskRules.labels(task(TaskKind.MULTILABEL, List.of("a|b", " c"), Metric.MACRO_F1, null))).hasSize(2);
    }
}
