package org.baihua.core.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.baihua.core.InvalidRequestException;

/**
 * Whether a training run adapts the text encoder to the data set: the {@code training.encoder}
 * object of a request, {@code {"mode": "fine-tune", "layers": "all" | N, "learningRate": x}}.
 * Frozen trains the head on the shared encoder's vectors; fine-tune first trains the encoder's top
 * {@code layers} (all of them, with the embeddings, when null) together with a linear head on the
 * task's loss, then trains the head on the tuned encoder's vectors; contrastive (few-shot) first
 * adapts the top layers on pairs of texts (same label: similar vectors), SetFit-style. A request
 * without it follows the plugin's head designer ({@code HeadDesigner.encoderTraining}), else frozen.
 *
 * @param mode frozen or fine-tune
 * @param layers the top transformer layers trained, or null for all of them (fine-tune only)
 * @param learningRate the encoder's peak learning rate in (0, 0.01), or null for the default (3e-5
 *     fine-tuning, 2e-5 in the contrastive phase)
 * @param epochs passes over the training texts in [1, 100], or null for 3 (fine-tune; the contrastive
 *     phase sizes itself by the number of texts)
 */
public record EncoderTuning(Mode mode, Integer layers, Double learningRate, Integer epochs) {

    /** How the encoder is treated. */
    public enum Mode {
        FROZEN("frozen"),
        FINE_TUNE("fine-tune"),
        /** Few-shot: the encoder first learns from pairs of texts (same label: similar), SetFit-style, then the head. */
        CONTRASTIVE("contrastive");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        /** The JSON spelling. */
        @JsonValue
        public String key() {
            return key;
        }

        static Mode parse(String text) {
            for (Mode mode : values()) {
                if (mode.key.equals(text)) {
                    return mode;
                }
            }
            throw new InvalidRequestException("training.encoder.mode", "training.encoder.mode must be \"frozen\","
                    + " \"fine-tune\" or \"contrastive\", was " + (text == null ? "missing" : "\"" + text + "\""));
        }
    }

    /** The default encoder learning rate of fine-tuning (BERT recipes use 2e-5 to 5e-5). */
    public static final double DEFAULT_LEARNING_RATE = 3e-5;
    /** The default number of passes over the texts when fine-tuning. */
    public static final int DEFAULT_EPOCHS = 3;

    private static final EncoderTuning FROZEN = new EncoderTuning(Mode.FROZEN, null, null, null);

    public EncoderTuning {
        if (mode == null) {
            throw new InvalidRequestException("training.encoder.mode", "training.encoder.mode is required: \"frozen\","
                    + " \"fine-tune\" or \"contrastive\"");
        }
        if (mode == Mode.FROZEN && (layers != null || learningRate != null || epochs != null)) {
            throw new InvalidRequestException("training.encoder", "training.encoder.layers, learningRate and epochs apply to"
                    + " modes \"fine-tune\" and \"contrastive\" only; the encoder is frozen");
        }
        if (layers != null && (layers < 1 || layers > 1000)) {
            throw new InvalidRequestException("training.encoder.layers", "training.encoder.layers must be \"all\" or a"
                    + " whole number in [1, 1000], was " + layers);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate < 0.01)) {
            throw new InvalidRequestException("training.encoder.learningRate", "training.encoder.learningRate must be in"
                    + " (0, 0.01), was " + learningRate);
        }
        if (epochs != null && mode == Mode.CONTRASTIVE) {
            throw new InvalidRequestException("training.encoder.epochs", "training.encoder.epochs applies to mode"
                    + " \"fine-tune\"; the contrastive phase sizes itself by the number of texts");
        }
        if (epochs != null && (epochs < 1 || epochs > 100)) {
            throw new InvalidRequestException("training.encoder.epochs", "training.encoder.epochs must be in [1, 100], was "
                    + epochs);
        }
    }

    /** The frozen encoder (the default). */
    public static EncoderTuning frozen() {
        return FROZEN;
    }

    /** Fine-tuning of the top {@code layers} (null: all) at {@code learningRate} (null: the default). */
    public static EncoderTuning fineTune(Integer layers, Double learningRate, Integer epochs) {
        return new EncoderTuning(Mode.FINE_TUNE, layers, learningRate, epochs);
    }

    /** Reads the JSON form; {@code layers} is {@code "all"} or a whole number. */
    @JsonCreator
    static EncoderTuning fromJson(@JsonProperty("mode") String mode, @JsonProperty("layers") JsonNode layers,
                                  @JsonProperty("learningRate") JsonNode learningRate,
                                  @JsonProperty("epochs") JsonNode epochs) {
        Integer layerCount = null;
        if (layers != null && !layers.isNull()) {
            if (layers.isTextual() && layers.asText().toLowerCase(Locale.ROOT).equals("all")) {
                layerCount = null;
            } else if (layers.isIntegralNumber() && layers.canConvertToInt()) {
                layerCount = layers.intValue();
            } else {
                throw new InvalidRequestException("training.encoder.layers", "training.encoder.layers must be \"all\" or a"
                        + " whole number, was " + layers);
            }
        }
        Double rate = null;
        if (learningRate != null && !learningRate.isNull()) {
            if (!learningRate.isNumber()) {
                throw new InvalidRequestException("training.encoder.learningRate", "training.encoder.learningRate must be a"
                        + " number, was " + learningRate);
            }
            rate = learningRate.doubleValue();
        }
        Integer epochCount = null;
        if (epochs != null && !epochs.isNull()) {
            if (!epochs.isIntegralNumber() || !epochs.canConvertToInt()) {
                throw new InvalidRequestException("training.encoder.epochs", "training.encoder.epochs must be a whole"
                        + " number, was " + epochs);
            }
            epochCount = epochs.intValue();
        }
        return new EncoderTuning(Mode.parse(mode), layerCount, rate, epochCount);
    }

    /** Whether the encoder is trained (fine-tune or contrastive). */
    @JsonIgnore
    public boolean trainsEncoder() {
        return mode != Mode.FROZEN;
    }

    /** A plugin's preference ({@code HeadDesigner.encoderTraining}) in the request's terms. */
    public static EncoderTuning of(org.baihua.sdk.EncoderTraining preference) {
        return switch (preference.mode()) {
            case FROZEN -> frozen();
            case FINE_TUNE, CONTRASTIVE -> new EncoderTuning(preference.mode() == org.baihua.sdk.EncoderTraining.Mode.FINE_TUNE
                    ? Mode.FINE_TUNE : Mode.CONTRASTIVE, preference.layers() == 0 ? null : Math.min(preference.layers(), 1000),
                    preference.learningRate() > 0 && preference.learningRate() < 0.01 ? preference.learningRate() : null, null);
        };
    }

    /** In the SDK's terms, for the engine's plan ({@code EncoderTrainingPlan}). */
    public org.baihua.sdk.EncoderTraining toSdk() {
        return switch (mode) {
            case FROZEN -> org.baihua.sdk.EncoderTraining.frozen();
            case FINE_TUNE -> new org.baihua.sdk.EncoderTraining(org.baihua.sdk.EncoderTraining.Mode.FINE_TUNE,
                    layers == null ? 0 : layers, learningRate == null ? 0 : learningRate);
            case CONTRASTIVE -> new org.baihua.sdk.EncoderTraining(org.baihua.sdk.EncoderTraining.Mode.CONTRASTIVE,
                    layers == null ? 0 : layers, learningRate == null ? 0 : learningRate);
        };
    }

    /** The layers to train for an encoder of {@code encoderLayers} layers: all when null, else at most that many. */
    public int trainableLayers(int encoderLayers) {
        return layers == null ? encoderLayers : Math.min(layers, encoderLayers);
    }

    /** The encoder learning rate to use when fine-tuning. */
    public double learningRateOrDefault() {
        return learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
    }

    /** The epochs to use. */
    public int epochsOrDefault() {
        return epochs == null ? DEFAULT_EPOCHS : epochs;
    }

    /** The JSON form, as the lineage records it: {@code layers} is {@code "all"} or the number. */
    @JsonValue
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mode", mode.key());
        if (mode != Mode.FROZEN) {
            map.put("layers", layers == null ? "all" : layers);
            if (mode == Mode.FINE_TUNE || learningRate != null) {
                map.put("learningRate", learningRateOrDefault());
            }
            if (mode == Mode.FINE_TUNE) {
                map.put("epochs", epochsOrDefault());
            }
        }
        return map;
    }
}
