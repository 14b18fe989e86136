package org.baihua.core.registry;

/**
 * A model version's artifact, read into memory and verified against its manifest and the
 * registry's record of that manifest: the bytes here are exactly the ones that were checked.
 *
 * @param manifest the manifest
 * @param manifestSha256 SHA-256 of manifest.json
 * @param manifestJson manifest.json as stored
 * @param headOnnx the trained head as an ONNX model
 * @param pipelineJson the fitted feature pipeline
 * @param metricsJson the evaluation metrics
 * @param encoderDirectory the verified fine-tuned encoder of the version (its files checked against the
 *     manifest), or null when the version uses a shared encoder
 */
public record ArtifactBundle(
        ArtifactManifest manifest, String manifestSha256, byte[] manifestJson, byte[] headOnnx, byte[] pipelineJson, byte[] metricsJson,
        java.nio.file.Path encoderDirectory) {

    /** A bundle without a fine-tuned encoder. */
    public ArtifactBundle(ArtifactManifest manifest, String manifestSha256, byte[] manifestJson, byte[] headOnnx,
                          byte[] pipelineJson, byte[] metricsJson) {
        this(manifest, manifestSha256, manifestJson, headOnnx, pipelineJson, metricsJson, null);
    }

    /** SHA-256 of the fine-tuned encoder's {@code model.onnx}, or null without one. */
    public String encoderModelSha256() {
        ArtifactManifest.FileEntry entry = manifest.files().get(ArtifactStore.ENCODER_MODEL);
        return entry == null ? null : entry.sha256();
    }
}
