package org.baihua.core.batch;

import java.io.Serializable;
import java.util.Map;

/**
 * A model version packed for scoring away from its host (on a Spark executor): the artifact's
 * {@code pipeline.json} and {@code head.onnx} as verified by the registry, its fine-tuned encoder's
 * files if it has one, the lineage's plugin and that plugin's zip, and the encoder settings.
 * Serializable so that Spark can broadcast it (a fine-tuned encoder makes it as large as its model:
 * about 130 MB for bge-small).
 *
 * @param model the model
 * @param version the version
 * @param pluginId the plugin the version was trained with
 * @param pluginVersion its version
 * @param pipelineJson the version's pipeline.json
 * @param headOnnx the version's head.onnx
 * @param pluginZipName the plugin zip's file name
 * @param pluginZip the plugin zip
 * @param encoderSettings the host's {@code encoder.*} settings (custom encoder directories must exist where it runs)
 * @param encoderFiles the version's own fine-tuned encoder, file name in its directory &rarr; bytes
 *     ({@code model.onnx}, {@code tokenizer.json}, {@code encoder.json}), empty when it uses a shared encoder
 * @param encoderModelSha256 SHA-256 of that {@code model.onnx} as the version's manifest records it, or null
 */
public record PackedVersion(String model, int version, String pluginId, String pluginVersion, byte[] pipelineJson, byte[] headOnnx,
                            String pluginZipName, byte[] pluginZip, Map<String, String> encoderSettings,
                            Map<String, byte[]> encoderFiles, String encoderModelSha256) implements Serializable {

    private static final long serialVersionUID = 2L;

    public PackedVersion {
        encoderSettings = Map.copyOf(encoderSettings);
        encoderFiles = Map.copyOf(encoderFiles);
        if (encoderFiles.isEmpty() != (encoderModelSha256 == null)) {
            throw new IllegalArgumentException("a fine-tuned encoder's files and its model's SHA-256 go together");
        }
    }

    /** Whether the version has its own fine-tuned encoder. */
    public boolean hasTunedEncoder() {
        return encoderModelSha256 != null;
    }

    /** How errors name it. */
    public String owner() {
        return "Model '" + model + "' version " + version;
    }

    /** A key that changes whenever the content does: the per-JVM cache key of executors. */
    public String key() {
        return model + "@" + version + "#" + java.util.Arrays.hashCode(headOnnx) + "#" + java.util.Arrays.hashCode(pipelineJson)
                + (encoderModelSha256 == null ? "" : "#" + encoderModelSha256);
    }
}
