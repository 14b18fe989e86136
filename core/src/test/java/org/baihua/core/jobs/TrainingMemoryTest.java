package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baihua.core.BaihuaException;
import org.junit.jupiter.api.Test;

class TrainingMemoryTest {

    @Test
    void theEstimateCountsFeaturesAsFloatsPerRowAndTheHeadButNotTheTexts() {
        // 1,000,000 rows, 384 features, 2 labels, a 400k-parameter head: the same whatever the texts' length.
        long needed = TrainingMemory.estimate(1_000_000, 384, 2, 400_000);
        assertThat(needed).isEqualTo(1_000_000L * (384 * 4 + TrainingMemory.BYTES_PER_ROW + 2 * 12) + 400_000L * 16
                + TrainingMemory.WORKING_SET);
    }

    @Test
    void fineTuningCountsTokenIdsTheCachedFrozenLayersTheModelFourTimesAndOneBatch() {
        long frozenBelow = TrainingMemory.fineTuning(100_000, 130_000_000, 384, 2, true, 2048);
        long allTrained = TrainingMemory.fineTuning(100_000, 130_000_000, 384, 12, false, 2048);
        assertThat(frozenBelow).isEqualTo(100_000L * 4 + 100_000L * (384 * 4 + 16) + 130_000_000L * 4
                + 2048L * 384 * 4 * TrainingMemory.ACTIVATIONS_PER_TOKEN_AND_LAYER * 2);
        assertThat(allTrained).isEqualTo(100_000L * 4 + 130_000_000L * 4
                + 2048L * 384 * 4 * TrainingMemory.ACTIVATIONS_PER_TOKEN_AND_LAYER * 12);
    }

    @Test
    void aJobLargerThanTheHeapIsRefusedWith422NamingTheSizeNeeded() {
        assertThatThrownBy(() -> TrainingMemory.check(3L << 30, 1L << 30, "data set 'ds-1' (9000000 rows)"))
                .isInstanceOf(BaihuaException.class)
                .satisfies(e -> assertThat(((BaihuaException) e).kind()).isEqualTo(BaihuaException.Kind.UNPROCESSABLE))
                .hasMessageContaining("data set 'ds-1'").hasMessageContaining("needs about 3072 MiB")
                .hasMessageContaining("1024 MiB available");
        TrainingMemory.check(1L << 20, 1L << 30, "small");
        long[] measured = {0};
        TrainingMemory.check(1L << 20, () -> ++measured[0] == 1 ? 0 : 1L << 30, "small once garbage is collected");
        assertThat(measured[0]).as("measured again after a collection").isEqualTo(2);
        assertThat(TrainingMemory.availableHeap()).isPositive();
    }
}
