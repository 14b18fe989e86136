package org.baihua.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.EncoderTraining;
import org.junit.jupiter.api.Test;

class EncoderTrainingPlanTest {

    private static DataProfile rows(long n) {
        return new DataProfile(n, Map.of("a", n / 2, "b", n - n / 2), 384);
    }

    @Test
    void frozenTrainsTheHeadOnly() {
        FineTuneOptions options = EncoderTrainingPlan.options(EncoderTraining.frozen(), 6, rows(1000), 3);
        assertThat(options.mode()).isEqualTo("frozen");
        assertThat(options.trainableLayers()).isZero();
        assertThat(options.seed()).isEqualTo(3);
    }

    @Test
    void fineTuneMapsZeroLayersToAllAndKeepsTheRequestedRate() {
        assertThat(EncoderTrainingPlan.options(EncoderTraining.fineTune(0), 6, rows(1000), 1).trainableLayers()).isEqualTo(6);
        assertThat(EncoderTrainingPlan.options(EncoderTraining.fineTune(9), 6, rows(1000), 1).trainableLayers()).isEqualTo(6);
        FineTuneOptions top2 = EncoderTrainingPlan.options(EncoderTraining.fineTune(2).withLearningRate(5e-5), 6,
                rows(1000), 1);
        assertThat(top2.mode()).isEqualTo("fine-tune");
        assertThat(top2.trainableLayers()).isEqualTo(2);
        assertThat(top2.encoderLearningRate()).isEqualTo(5e-5);
        assertThat(EncoderTrainingPlan.options(EncoderTraining.fineTune(2), 6, rows(1000), 1).encoderLearningRate())
                .isEqualTo(FineTuneOptions.defaults(2, 1).encoderLearningRate());
    }

    @Test
    void contrastivePairsStayBoundedOnLargerSets() {
        FineTuneOptions few = EncoderTrainingPlan.options(EncoderTraining.contrastive(0), 6, rows(64), 1);
        assertThat(few.mode()).isEqualTo("contrastive");
        assertThat(few.trainableLayers()).isEqualTo(6);
        assertThat(few.contrastive()).isEqualTo(ContrastiveOptions.defaults());
        FineTuneOptions many = EncoderTrainingPlan.options(EncoderTraining.contrastive(2).withLearningRate(1e-5), 6,
                rows(5000), 1);
        assertThat(many.contrastive().iterations()).isEqualTo(2);
        assertThat(2L * many.contrastive().iterations() * 5000).isLessThanOrEqualTo(EncoderTrainingPlan.MAX_PAIRS);
        assertThat(many.contrastive().learningRate()).isEqualTo(1e-5);
        assertThat(EncoderTrainingPlan.options(EncoderTraining.contrastive(0), 6, rows(100_000), 1).contrastive()
                .iterations()).isEqualTo(1);
    }

    @Test
    void preferencesRefuseNonsense() {
        assertThatThrownBy(() -> new EncoderTraining(EncoderTraining.Mode.FINE_TUNE, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layers");
        assertThatThrownBy(() -> EncoderTraining.fineTune(2).withLearningRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learning rate");
        assertThat(new EncoderTraining(EncoderTraining.Mode.FROZEN, 4, 1e-4)).isEqualTo(EncoderTraining.frozen());
    }
}
