package org.baihua.core.batch;

import java.io.Serializable;
import java.util.Map;

/**
 * A model version packed for scoring away from its host (on a Spark executor): the artifact's
 * {@code pipeline.json} and {@code head.onnx} as verified by the registry, the lineage's plugin and
 * that plugin's zip, and the encoder settings. Serializable so that Spark can broadcast it.
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
 */
public record PackedVersion(String model, int version, String pluginId, String pluginVersion, byte[] pipelineJson, byte[] headOnnx,
                            String pluginZipName, byte[] pluginZip, Map<String, String> encoderSettings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PackedVersion {
        encoderSettings = Map.copyOf(encoderSettings);
    }

    /** How errors name it. */
    public String owner() {
        return "Model '" + model + "' version " + version;
    }

    /** A key that changes whenever the content does: the per-JVM cache key of executors. */
    public String key() {
        return model + "@" + version + "#" + java.util.Arrays.hashCode(headOnnx) + "#" + java.util.Arrays.hashCode(pipelineJson);
    }
}
