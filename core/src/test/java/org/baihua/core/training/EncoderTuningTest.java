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
    void unsetMeansFrozenUnlessThePluginPrefersOtherwise() throws Exception {
        TrainingParams params = read("{\"epochs\": 3}");
        assertThat(params.encoder().trainsEncoder()).isFalse();
        assertThat(params.encoderRequested()).isFalse();
        assertThat(params.asMap()).doesNotContainKey("encoder");
        TrainingParams frozen = read("{\"encoder\": {\"mode\": \"frozen\"}}");
        assertThat(frozen.encoderRequested()).isTrue();
        assertThat(frozen.asMap()).containsEntry("encoder", java.util.Map.of("mode", "frozen"));
        // the JSON form round-trips, as the shared job queue stores it
        assertThat(read(json.writeValueAsString(frozen))).isEqualTo(frozen);
        assertThat(read(json.writeValueAsString(params)).encoderRequested()).isFalse();
    }

    @Test
    void aPluginPreferenceMapsOntoTheRequestForm() {
        assertThat(EncoderTuning.of(org.baihua.sdk.EncoderTraining.fineTune(2))).isEqualTo(EncoderTuning.fineTune(2, null, null));
        assertThat(EncoderTuning.of(org.baihua.sdk.EncoderTraining.contrastive(0)).mode()).isEqualTo(EncoderTuning.Mode.CONTRASTIVE);
        assertThat(EncoderTuning.of(org.baihua.sdk.EncoderTraining.frozen())).isEqualTo(EncoderTuning.frozen());
        assertThat(EncoderTuning.fineTune(null, 5e-5, 2).toSdk())
                .isEqualTo(new org.baihua.sdk.EncoderTraining(org.baihua.sdk.EncoderTraining.Mode.FINE_TUNE, 0, 5e-5));
    }

    @Test
    void fineTuneReadsLayersAsAllOrANumber() throws Exception {
        TrainingParams all = read("{\"encoder\": {\"mode\": \"fine-tune\", \"layers\": \"all\", \"learningRate\": 5e-5}}");
        assertThat(all.encoder().trainsEncoder()).isTrue();
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
        assertThat(read(json.writeValueAsString(two))).isEqualTo(two);
        TrainingParams contrastive = read("{\"encoder\": {\"mode\": \"contrastive\", \"layers\": 2}}");
        assertThat(contrastive.encoder().trainsEncoder()).isTrue();
        assertThat(contrastive.asMap().get("encoder")).isEqualTo(java.util.Map.of("mode", "contrastive", "layers", 2));
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
            {"{\"mode\": \"contrastive\", \"epochs\": 2}", "training.encoder.epochs"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> read("{\"encoder\": " + c[0] + "}")).as(c[0])
                    .hasRootCauseInstanceOf(InvalidRequestException.class)
                    .rootCause().hasMessageContaining(c[1]);
        }
    }
}
