package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.sdk.Activation;
import org.junit.jupiter.api.Test;

/** The values the registry and the REST layer store or stream go through Jackson unchanged. */
class JsonRoundTripTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void headWeights() throws Exception {
        HeadWeights weights = new HeadWeights(List.of(
                new HeadWeights.Dense(2, 3, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, -0.5f, 1e-7f}),
                new HeadWeights.Dense(3, 1, new float[] {7, 8, 9}, new float[] {-1})), Activation.GELU, OutputKind.SIGMOID);
        HeadWeights back = mapper.readValue(mapper.writeValueAsString(weights), HeadWeights.class);
        assertThat(back.activation()).isEqualTo(Activation.GELU);
        assertThat(back.output()).isEqualTo(OutputKind.SIGMOID);
        for (int l = 0; l < 2; l++) {
            assertThat(back.layers().get(l).weights()).containsExactly(weights.layers().get(l).weights());
            assertThat(back.layers().get(l).bias()).containsExactly(weights.layers().get(l).bias());
        }
    }

    @Test
    void progressAndHistory() throws Exception {
        TrainingProgress progress = new TrainingProgress(3, 10, 120, 400, 0.25, Map.of("ACCURACY", 0.9), 2, 1500, 3500, true);
        assertThat(mapper.readValue(mapper.writeValueAsString(progress), TrainingProgress.class)).isEqualTo(progress);
        EpochRecord record = new EpochRecord(3, 0.25, 1e-3, Map.of("MACRO_F1", 0.8), 1500);
        assertThat(mapper.readValue(mapper.writeValueAsString(record), EpochRecord.class)).isEqualTo(record);
    }
}
