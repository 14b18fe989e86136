package org.baihua.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules that make a task's parts fit its kind, enforced by the records' constructors. */
class TaskRulesTest {

    private static TaskSpec task(TaskKind kind, List<String> labels, Metric metric, DecisionPolicy policy) {
        return new TaskSpec("t", "a task", kind, labels, List.of(FieldSpec.text("text", "the text")), null, metric, policy);
    }

    private static TaskSpec task(TaskKind kind, List<String> labels, HeadSpec head) {
        return new TaskSpec("t", "a task", kind, labels, List.of(FieldSpec.text("text", "the text")), head, Metric.MACRO_F1, null);
    }

    @Test
    void acceptsTheUsualShapes() {
        assertThat(task(TaskKind.BINARY, List.of("no", "yes"), Metric.F1, new DecisionPolicy.Threshold("yes", 0.5, ThresholdTuning.maxF1())))
                .isNotNull();
        assertThat(task(TaskKind.MULTILABEL, List.of("a", "b", "c"), Metric.MACRO_F1, new DecisionPolicy.TopK(2))).isNotNull();
        assertThat(task(TaskKind.MULTICLASS, List.of(), Metric.EXPECTED_COST, new DecisionPolicy.MinimumCost(Map.of("x", Map.of("y", 2.0)))))
                .isNotNull();
        assertThat(task(TaskKind.MULTICLASS, List.of(), Metric.ACCURACY, null).labelsFromData()).isTrue();
    }

    @Test
    void refusesPoliciesAndMetricsOfAnotherKind() {
        assertThatThrownBy(() -> task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.ACCURACY, new DecisionPolicy.Threshold("a", 0.5, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiclass task 't' uses a Threshold");
        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.MACRO_F1, new DecisionPolicy.TopK(3)))
                .hasMessageContaining("TopK(3) but has only 2 labels");
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("no", "yes"), Metric.ACCURACY, new DecisionPolicy.TopK(1)))
                .hasMessageContaining("uses TopK, which is for multilabel tasks only");
        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.MACRO_F1,
                new DecisionPolicy.Threshold(null, 0.4, ThresholdTuning.targetRecall(0.9))))
                .hasMessageContaining("tunes its threshold (TARGET_RECALL)");
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("good", "bad"), Metric.EXPECTED_COST,
                new DecisionPolicy.MinimumCost(Map.of("bad", Map.of("okay", 5.0)))))
                .hasMessageContaining("cost matrix names 'okay'");
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("no", "yes"), Metric.ACCURACY, new DecisionPolicy.Threshold(null, 0.5, null)))
                .hasMessageContaining("Threshold without a positive label");
        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a", "b"), Metric.ACCURACY, new DecisionPolicy.MinimumCost(Map.of())))
                .hasMessageContaining("MinimumCost, which chooses one label").hasMessageContaining("empty cost matrix");
        assertThatThrownBy(() -> task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.F1, null))
                .hasMessageContaining("uses F1, the positive class's F1 of a binary task");
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("no", "yes"), Metric.EXPECTED_COST, null))
                .hasMessageContaining("EXPECTED_COST without a MinimumCost");
    }

    @Test
    void namesEveryProblemAtOnce() {
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("no", "yes"), Metric.EXPECTED_COST, new DecisionPolicy.Threshold("maybe", 0.5, null)))
                .hasMessageContaining("positive label names 'maybe'").hasMessageContaining("EXPECTED_COST without a MinimumCost");
    }

    @Test
    void refusesHeadsThatDoNotFitTheKind() {
        HeadSpec smoothed = new HeadSpec(List.of(), null, 0, ClassWeighting.explicit(Map.of("c", 2.0)), 0.1, null);

        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a", "b"), smoothed))
                .hasMessageContaining("default head of multilabel task 't' sets label smoothing 0.1")
                .hasMessageContaining("class weight names 'c'");
        TaskSpec multilabel = task(TaskKind.MULTILABEL, List.of("a", "b"), (HeadSpec) null);
        assertThatThrownBy(() -> multilabel.requireFits(smoothed, "head designed for small data"))
                .hasMessageStartingWith("head designed for small data of multilabel task 't'");
        assertThatThrownBy(() -> multilabel.requireFits(null, "head designed for small data")).hasMessageContaining("is null");
        assertThatThrownBy(() -> task(TaskKind.BINARY, List.of("no", "yes"), HeadSpec.linear().withClassWeighting(
                new ClassWeighting(ClassWeighting.Mode.EXPLICIT, Map.of())))).hasMessageContaining("EXPLICIT class weighting without weights");
    }

    @Test
    void refusesLabelsThatIngestCannotCarryAndTooFewLabels() {
        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a|b", " c"), Metric.MACRO_F1, null))
                .hasMessageContaining("label 'a|b' contains , or |").hasMessageContaining("surrounding spaces: ' c'");
        assertThatThrownBy(() -> task(TaskKind.MULTICLASS, List.of("a", "b"), Metric.ACCURACY, null))
                .hasMessageContaining("has 2 labels [a, b]; a multiclass task has 3 or more");
        assertThatThrownBy(() -> task(TaskKind.MULTILABEL, List.of("a"), Metric.MACRO_F1, null))
                .hasMessageContaining("needs 2 or more");
    }

    @Test
    void refusesFieldNamesThatAMappingCannotName() {
        assertThatThrownBy(() -> FieldSpec.text(DataRecord.LABEL, "clashes")).hasMessageContaining("field 'label' clashes");
        assertThatThrownBy(() -> FieldSpec.text("free text", "")).hasMessageContaining("'free text' cannot be named in an ingest mapping");
        assertThatThrownBy(() -> FieldSpec.numeric("a=b", "")).hasMessageContaining("cannot be named");
    }

    @Test
    void reportsMissingDescriptionsWithoutRefusingTheTask() {
        TaskSpec bare = new TaskSpec("t", "", TaskKind.BINARY, List.of("no", "yes"), List.of(FieldSpec.numeric("x", "")), null,
                Metric.ROC_AUC, null);

        assertThat(bare.missingDescriptions()).containsExactly("task 't' has no description (people read it in GET /api/v1/domains)",
                "task 't': field 'x' (numeric) has no description");
        assertThat(task(TaskKind.BINARY, List.of("no", "yes"), Metric.ROC_AUC, null).missingDescriptions()).isEmpty();
    }

    @Test
    void aTaskDeclaresItsLongTextStrategyOnlyWithATextField() {
        TaskSpec text = task(TaskKind.MULTICLASS, List.of(), Metric.ACCURACY, null).withEncoder("bge-small-en-v15");
        TaskSpec declared = text.withLongText(LongTextStrategy.HEAD_TAIL);

        assertThat(declared.longText()).isEqualTo(LongTextStrategy.HEAD_TAIL);
        assertThat(declared.withEncoder("all-minilm-l6-v2-q").longText()).as("kept by withEncoder").isEqualTo(LongTextStrategy.HEAD_TAIL);
        assertThat(declared.encoder()).isEqualTo("bge-small-en-v15");
        assertThat(text.longText()).isNull();
        assertThat(LongTextStrategy.HEAD_TAIL.key()).isEqualTo("head-tail");
        TaskSpec numeric = new TaskSpec("t", "a task", TaskKind.BINARY, List.of("no", "yes"), List.of(FieldSpec.numeric("x", "x")),
                null, Metric.ROC_AUC, null);
        assertThatThrownBy(() -> numeric.withLongText(LongTextStrategy.CHUNK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 't' declares longText chunk but has no text field: only text fields are embedded");
    }
}
