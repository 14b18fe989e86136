package org.baihua.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.baihua.sdk.HeadSpec;

/**
 * Where a model version comes from, fixed when the version is created: enough to explain and to
 * repeat its training. What training produced (fitted pipeline, metrics, timings) is in the
 * version's artifact and {@link ModelVersion}.
 *
 * @param datasetId the training data set
 * @param datasetHash that data set's content hash, which survives the data set's deletion
 * @param pluginId the plugin that contributed the domain and task
 * @param pluginVersion that plugin's version
 * @param encoderId the shared text encoder, for example {@code all-minilm-l6-v2-q}
 * @param head the head that was trained
 * @param training the training parameters (epochs, batch size, learning rate, ...), JSON-like values
 * @param seed the random seed
 * @param createdBy who asked for the version (API key name or user)
 * @param encoderReason why that encoder was chosen (named in the request, declared by the task, the
 *     default for the data set's language), or null for versions made before the reason was recorded
 */
public record Lineage(
        String datasetId,
        String datasetHash,
        String pluginId,
        String pluginVersion,
        String encoderId,
        HeadSpec head,
        Map<String, Object> training,
        long seed,
        String createdBy,
        String encoderReason) {

    /** A lineage without the reason for its encoder. */
    public Lineage(String datasetId, String datasetHash, String pluginId, String pluginVersion, String encoderId,
                   HeadSpec head, Map<String, Object> training, long seed, String createdBy) {
        this(datasetId, datasetHash, pluginId, pluginVersion, encoderId, head, training, seed, createdBy, null);
    }

    public Lineage {
        Names.requireId(datasetId, "dataset");
        Names.requireText(datasetHash, "dataset hash");
        Names.requireText(pluginId, "plugin id");
        Names.requireText(pluginVersion, "plugin version");
        Names.requireText(encoderId, "encoder id");
        Objects.requireNonNull(head, "head is null");
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training == null ? Map.of() : training));
        Names.requireText(createdBy, "created by");
    }
}
