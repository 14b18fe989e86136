package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.baihua.core.internal.Json;
import org.baihua.core.training.TrainingParams;
import org.baihua.sdk.HeadSpec;
import org.junit.jupiter.api.Test;

/** A job carries its training request as JSON so that any host can run it: every setting must survive the trip. */
class TrainingSpecJsonTest {

    private final ObjectMapper json = Json.newMapper();

    @Test
    void aRequestReadBackFromItsJobIsTheSameRequest() throws Exception {
        TrainingSpec spec = new TrainingSpec("credit", "finance", "credit-risk", "ds-1", HeadSpec.mlp(64, 32),
                TrainingParams.builder().optEpochs(7).optBatchSize(16).optLearningRate(0.003).optSeed(11)
                        .optValidationSplit(0).optTestSplit(0.2).optPatience(0).build(),
                "all-minilm-l6-v2-q", "head-tail");
        TrainingSpec back = json.readValue(json.writeValueAsString(spec), TrainingSpec.class);
        assertThat(back).isEqualTo(spec);
        assertThat(back.training().asMap()).isEqualTo(spec.training().asMap());
    }

    @Test
    void defaultsSurviveToo() throws Exception {
        TrainingSpec spec = new TrainingSpec("m", "d", "t", "ds", null, null, null);
        assertThat(json.readValue(json.writeValueAsString(spec), TrainingSpec.class)).isEqualTo(spec);
    }
}
