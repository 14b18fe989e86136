package org.baihua.core.registry;

import java.util.Objects;

/**
 * The files of a model version's artifact, as produced by training. The arrays are not copied:
 * callers hand them over and do not change them afterwards.
 *
 * @param headOnnx the trained head as an ONNX model
 * @param pipelineJson the fitted feature pipeline (and preprocessor state) as a JSON document
 * @param metricsJson the evaluation metrics as a JSON document
 * @param encoderDirectory a fine-tuned encoder's directory ({@code model.onnx}, {@code tokenizer.json},
 *     {@code encoder.json}) whose files are copied into the artifact, or null for a frozen encoder
 */
public record ArtifactContent(byte[] headOnnx, byte[] pipelineJson, byte[] metricsJson, java.nio.file.Path encoderDirectory) {

    /** The content of a version whose encoder is a shared one. */
    public ArtifactContent(byte[] headOnnx, byte[] pipelineJson, byte[] metricsJson) {
        this(headOnnx, pipelineJson, metricsJson, null);
    }

    public ArtifactContent {
        requireNonEmpty(headOnnx, ArtifactStore.HEAD);
        requireNonEmpty(pipelineJson, ArtifactStore.PIPELINE);
        requireNonEmpty(metricsJson, ArtifactStore.METRICS);
    }

    private static void requireNonEmpty(byte[] bytes, String file) {
        Objects.requireNonNull(bytes, file + " is null");
        if (bytes.length == 0) {
            throw new IllegalArgumentException(file + " is empty");
        }
    }
}
