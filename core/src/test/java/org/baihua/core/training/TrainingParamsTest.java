package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.baihua.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

class TrainingParamsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonSetsEveryParameterAndKeepsTheRestAtTheirDefaults() throws Exception {
        TrainingParams params = json.readValue("""
                {"epochs": 7, "batchSize": 8, "learningRate": 0.5, "seed": 3, "validationSplit": 0, "testSplit": 0.2,
                 "patience": 2, "warmupFraction": 0.1, "finalLearningRateFraction": 1}""", TrainingParams.class);
        assertThat(params.asMap()).containsEntry("epochs", 7).containsEntry("batchSize", 8).containsEntry("learningRate", 0.5)
                .containsEntry("seed", 3L).containsEntry("validationSplit", 0.0).containsEntry("testSplit", 0.2)
                .containsEntry("patience", 2).containsEntry("warmupFraction", 0.1).containsEntry("finalLearningRateFraction", 1.0);
        TrainingParams some = json.readValue("{\"validationSplit\": 0}", TrainingParams.class);
        assertThat(some.validationSplit()).isZero();
        assertThat(some).isEqualTo(TrainingParams.builder().optValidationSplit(0).build());
        assertThat(some.toBuilder().build()).isEqualTo(some);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainingParams params = TrainingParams.defaults();
        assertThat(params.epochs()).isEqualTo(50);
        assertThat(params.batchSize()).isNull();
        assertThat(params.learningRate()).isNull();
        assertThat(params.seed()).isEqualTo(42);
        assertThat(params.validationSplit()).isEqualTo(0.15);
        assertThat(params.testSplit()).isEqualTo(0.15);
        assertThat(params.patience()).isEqualTo(5);
    }

    @Test
    void theBatchSizeFollowsTheDataWhenNoneIsSet() {
        assertThat(TrainingParams.defaults().batchSizeFor(100)).isEqualTo(16);
        assertThat(TrainingParams.defaults().batchSizeFor(1000)).isEqualTo(50);
        assertThat(TrainingParams.defaults().batchSizeFor(100_000)).isEqualTo(64);
        assertThat(TrainingParams.defaults().withBatchSizeForDataset(1430).batchSize()).isEqualTo(50); // 70 % of 1430 / 20
        assertThat(TrainingParams.builder().optBatchSize(7).build().withBatchSizeForDataset(1430).batchSize()).isEqualTo(7);
    }

    @Test
    void everyRangeIsCheckedOnceWithTheFieldNamed() {
        assertRefused(TrainingParams.builder().optEpochs(0), "training.epochs", "training.epochs must be in [1, 10000], was 0");
        assertRefused(TrainingParams.builder().optEpochs(10_001), "training.epochs", "was 10001");
        assertRefused(TrainingParams.builder().optBatchSize(0), "training.batchSize", "must be in [1, 65536]");
        assertRefused(TrainingParams.builder().optLearningRate(0.0), "training.learningRate", "must be in (0, 10)");
        assertRefused(TrainingParams.builder().optLearningRate(Double.NaN), "training.learningRate", "was NaN");
        assertRefused(TrainingParams.builder().optValidationSplit(0.6), "training.validationSplit", "must be in [0, 0.5]");
        assertRefused(TrainingParams.builder().optTestSplit(-0.1), "training.testSplit", "must be in [0, 0.5]");
        assertRefused(TrainingParams.builder().optValidationSplit(0.5).optTestSplit(0.5), "training.testSplit", "leave rows to train on");
        assertRefused(TrainingParams.builder().optPatience(-1), "training.patience", "must be in [0, 10000]");
        assertRefused(TrainingParams.builder().optWarmupFraction(1), "training.warmupFraction", "must be in [0, 1)");
        assertRefused(TrainingParams.builder().optFinalLearningRateFraction(1.5), "training.finalLearningRateFraction",
                "must be in [0, 1]");
    }

    @Test
    void jsonOutOfRangeOrUnknownIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"epochs\": 100000}", TrainingParams.class))
                .isInstanceOf(ValueInstantiationException.class).hasCauseInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("training.epochs must be in [1, 10000], was 100000");
        assertThatThrownBy(() -> json.readValue("{\"threads\": 4}", TrainingParams.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    private static void assertRefused(TrainingParams.Builder builder, String field, String message) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo(field)).hasMessageContaining(message);
    }
}
