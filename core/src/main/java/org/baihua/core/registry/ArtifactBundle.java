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
 */
public record ArtifactBundle(
        ArtifactManifest manifest, String manifestSha256, byte[] manifestJson, byte[] headOnnx, byte[] pipelineJson, byte[] metricsJson) {}
