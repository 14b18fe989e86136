package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.baihua.core.InvalidRequestException;
import org.junit.jupiter.api.Test;

class EncoderTuningTest {

    private final ObjectMapper json = new ObjectMapper();

    private TrainingParams read(String training) throws Exception {
        return json.readValue(training, TrainingParams.class);
    }

    @Test
    void frozenIsTheDefaultAndIsRecordedInTheLineage() throws Exception {
        TrainingParams params = read("{\"epochs\": 3}");
        assertThat(params.encoder().fineTunes()).isFalse();
        assertThat(params.asMap()).containsEntry("encoder", java.util.Map.of("mode", "frozen"));
    }

    @Test
    void fineTuneReadsLayersAsAllOrANumber() throws Exception {
        TrainingParams all = read("{\"encoder\": {\"mode\": \"fine-tune\", \"layers\": \"all\", \"learningRate\": 5e-5}}");
        assertThat(all.encoder().fineTunes()).isTrue();
        assertThat(all.encoder().trainableLayers(12)).isEqualTo(12);
        assertThat(all.encoder().learningRateOrDefault()).isEqualTo(5e-5);
        assertThat(all.encoder().epochsOrDefault()).isEqualTo(EncoderTuning.DEFAULT_EPOCHS);
        TrainingParams two = read("{\"encoder\": {\"mode\": \"fine-tune\", \"layers\": 2, \"epochs\": 1}}");
        assertThat(two.encoder().trainableLayers(12)).isEqualTo(2);
        assertThat(two.encoder().trainableLayers(1)).isEqualTo(1);
        assertThat(two.asMap().get("encoder")).isEqualTo(java.util.Map.of("mode", "fine-tune", "layers", 2,
                "learningRate", EncoderTuning.DEFAULT_LEARNING_RATE, "epochs", 1));
        // the builder keeps it
        assertThat(two.toBuilder().build().encoder()).isEqualTo(two.encoder());
        assertThat(json.writeValueAsString(two.encoder())).contains("\"layers\":2").contains("\"mode\":\"fine-tune\"");
    }

    @Test
    void badValuesNameTheField() {
        String[][] cases = {
            {"{\"mode\": \"thaw\"}", "training.encoder.mode"},
            {"{\"layers\": 2}", "training.encoder.mode"},
            {"{\"mode\": \"fine-tune\", \"layers\": \"top\"}", "training.encoder.layers"},
            {"{\"mode\": \"fine-tune\", \"layers\": 0}", "training.encoder.layers"},
            {"{\"mode\": \"fine-tune\", \"layers\": 1.5}", "training.encoder.layers"},
            {"{\"mode\": \"fine-tune\", \"learningRate\": 0.5}", "training.encoder.learningRate"},
            {"{\"mode\": \"fine-tune\", \"learningRate\": \"fast\"}", "training.encoder.learningRate"},
            {"{\"mode\": \"fine-tune\", \"epochs\": 0}", "training.encoder.epochs"},
            {"{\"mode\": \"frozen\", \"layers\": 2}", "training.encoder"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> read("{\"encoder\": " + c[0] + "}")).as(c[0])
                    .hasRootCauseInstanceOf(InvalidRequestException.class)
                    .rootCause().hasMessageContaining(c[1]);
        }
    }
}
