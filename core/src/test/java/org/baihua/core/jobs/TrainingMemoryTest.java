package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baihua.core.BaihuaException;
import org.junit.jupiter.api.Test;

class TrainingMemoryTest {

    @Test
    void theEstimateCountsRecordsTwiceFeaturesAsFloatsAndTheHead() {
        // 1,000,000 rows of 3 fields + label, 384 features, a 400k-parameter head.
        long needed = TrainingMemory.estimate(1_000_000, 4, 384, 400_000);
        assertThat(needed).isEqualTo(1_000_000L * 4 * 160 * 2 + 1_000_000L * 384 * 4 + 400_000L * 16);
    }

    @Test
    void aJobLargerThanTheHeapIsRefusedWith422NamingTheSizeNeeded() {
        assertThatThrownBy(() -> TrainingMemory.check(3L << 30, 1L << 30, "data set 'ds-1' (9000000 rows)"))
                .isInstanceOf(BaihuaException.class)
                .satisfies(e -> assertThat(((BaihuaException) e).kind()).isEqualTo(BaihuaException.Kind.UNPROCESSABLE))
                .hasMessageContaining("data set 'ds-1'").hasMessageContaining("needs about 3072 MiB")
                .hasMessageContaining("1024 MiB available");
        TrainingMemory.check(1L << 20, 1L << 30, "small");
        assertThat(TrainingMemory.availableHeap()).isPositive();
    }
}
