package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.baihua.core.training.data.LabelReader;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final List<String> LABELS = List.of("same", "different");
    private static final TaskSpec BINARY = Synthetic.task(TaskKind.BINARY, LABELS, Metric.ACCURACY, null);
    private final TrainingEngine engine = new TrainingEngine();

    private TrainedHead train(TaskSpec task, HeadSpec head, LabeledData train, LabeledData validation) {
        return engine.train(new TrainingRequest(task, head, train, validation, TrainingParams.builder().optEpochs(3).build()),
                ProgressListener.NONE, CancellationToken.none());
    }

    private static LabeledData data(float[][] x, int... classes) {
        return new LabeledData(x, Targets.single(TaskKind.BINARY, LABELS, classes));
    }

    @Test
    void emptyTrainingSet() {
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[0][]), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("training set is empty");
    }

    @Test
    void singleClass() {
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[][] {{1}, {2}}, 1, 1), null))
                .hasMessageContaining("every training example has class 'different'");
    }

    @Test
    void nanOrInfinityInFeaturesNamesTheRowAndFeature() {
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[][] {{1, 2}, {3, Float.NaN}}, 0, 1), null))
                .hasMessageContaining("training row 1, feature 1 is NaN");
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[][] {{1, 2}, {3, 4}}, 0, 1),
                data(new float[][] {{Float.POSITIVE_INFINITY, 0}}, 0)))
                .hasMessageContaining("validation row 0, feature 0 is Infinity");
    }

    @Test
    void mismatchedDimensionsNameTheRow() {
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[][] {{1, 2}, {3}}, 0, 1), null))
                .hasMessageContaining("training row 1 has 1 features, expected 2");
        assertThatThrownBy(() -> train(BINARY, HeadSpec.linear(), data(new float[][] {{1, 2}, {3, 4}}, 0, 1),
                data(new float[][] {{1, 2}, {1, 2}, {1, 2, 3}}, 0, 1, 0)))
                .hasMessageContaining("validation row 2 has 3 features, expected 2");
        assertThatThrownBy(() -> data(new float[][] {{1}}, 0, 1)).hasMessageContaining("x has 1 rows but the targets have 2");
    }

    @Test
    void labelsOutsideTheTaskOrMissingNameTheLine() {
        List<DataRecord> records = List.of(new DataRecord(4, Map.of("x", 1.0, "label", "same")),
                new DataRecord(5, Map.of("x", 2.0, "label", "maybe")));
        assertThatThrownBy(() -> LabelReader.read(BINARY, LABELS, records, "label"))
                .hasMessageContaining("line 5: label 'maybe'").hasMessageContaining("not one of the task's labels");
        assertThatThrownBy(() -> LabelReader.read(BINARY, LABELS, List.of(new DataRecord(9, Map.of("x", 1.0))), "label"))
                .hasMessageContaining("line 9: label field 'label' is missing");
        Targets ok = LabelReader.read(BINARY, LABELS, records.subList(0, 1), "label");
        assertThat(ok.classes()).containsExactly(0);
    }

    @Test
    void labelsFromDataAndMultilabelLists() {
        TaskSpec open = Synthetic.task(TaskKind.MULTILABEL, List.of(), Metric.MACRO_F1, null);
        List<DataRecord> records = List.of(new DataRecord(1, Map.of("tags", List.of("wet", "cold"))),
                new DataRecord(2, Map.of("tags", "hot")), new DataRecord(3, Map.of()));
        List<String> labels = LabelReader.labelSet(open, records, "tags");
        assertThat(labels).containsExactly("cold", "hot", "wet");
        Targets targets = LabelReader.read(open, labels, records, "tags");
        assertThat(targets.sets()[0]).containsExactly(true, false, true);
        assertThat(targets.sets()[2]).containsExactly(false, false, false);
    }

    @Test
    void divergingTrainingStopsWithAClearFailure() {
        float[][] x = new float[40][2];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            // identical rows with both labels: some rows are always wrong, so the gradient never vanishes
            x[i] = new float[] {1e20f * (i % 2 == 0 ? 1 : -1), 1e20f};
            y[i] = (i / 2) % 2;
        }
        HeadSpec reckless = HeadSpec.linear().withOptimizer(new OptimizerSpec(OptimizerSpec.Kind.SGD, 1e30, 0, 0));
        assertThatThrownBy(() -> train(BINARY, reckless, data(x, y), null))
                .isInstanceOf(TrainingFailedException.class).hasMessageContaining("diverged")
                .hasMessageContaining("lower the learning rate");
    }

    @Test
    void primaryMetricMustFitTheTask() {
        // The SDK's TaskSpec refuses these before training can see them.
        assertThatThrownBy(() -> Synthetic.task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.F1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use MACRO_F1");
        assertThatThrownBy(() -> Synthetic.task(TaskKind.BINARY, LABELS, Metric.EXPECTED_COST, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPECTED_COST without a MinimumCost");
    }

    @Test
    void cancellationStopsTheRunAtTheNextBatch() {
        CancellationToken token = new CancellationToken();
        TrainingRequest request = new TrainingRequest(BINARY, HeadSpec.linear(), Synthetic.xor(500, 1), null,
                TrainingParams.builder().optEpochs(50).optPatience(0).build());
        assertThatThrownBy(() -> engine.train(request, progress -> {
            if (progress.epoch() == 2 && progress.epochEnd()) {
                token.cancel();
            }
        }, token)).isInstanceOf(TrainingCancelledException.class)
                .satisfies(e -> assertThat(((TrainingCancelledException) e).epoch()).isEqualTo(3));
    }
}
