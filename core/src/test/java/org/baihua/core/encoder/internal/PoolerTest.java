package org.baihua.core.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.baihua.core.encoder.Pooling;
import org.junit.jupiter.api.Test;

class PoolerTest {

    // Three tokens of two dimensions: (3, 0), (1, 4), (100, 100).
    private final float[] states = {3, 0, 1, 4, 100, 100};

    @Test
    void meanPoolsOverTheMaskedTokensAndNormalises() {
        float[] v = Pooler.pool(states, new long[] {1, 1, 0}, 2, Pooling.MEAN);
        // mean (2, 2) -> (0.7071, 0.7071)
        assertThat(v).containsExactly((float) Math.sqrt(0.5), (float) Math.sqrt(0.5));
    }

    @Test
    void clsTakesTheFirstToken() {
        assertThat(Pooler.pool(states, new long[] {1, 1, 1}, 2, Pooling.CLS)).containsExactly(1f, 0f);
    }

    @Test
    void aZeroVectorStaysZeroInsteadOfDividingByZero() {
        assertThat(Pooler.pool(new float[] {0, 0}, new long[] {1}, 2, Pooling.MEAN)).containsExactly(0f, 0f);
    }

    @Test
    void sizesMustAgree() {
        assertThatThrownBy(() -> Pooler.pool(states, new long[] {1, 1}, 2, Pooling.MEAN))
                .hasMessageContaining("expected 2 × 2 hidden states, got 6");
        assertThatThrownBy(() -> Pooler.pool(states, new long[] {0, 0, 0}, 2, Pooling.MEAN))
                .hasMessageContaining("no token");
    }
}
