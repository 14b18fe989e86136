package org.baihua.core.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One numbered version of a model.
 *
 * @param model the model name
 * @param version 1, 2, ... never reused within a model
 * @param state training state
 * @param stage serving stage; not NONE only for READY versions
 * @param lineage where it comes from
 * @param metrics evaluation metrics (JSON-like values); empty until READY
 * @param timings duration of each training phase in milliseconds; empty until READY
 * @param artifactSha256 SHA-256 of the artifact's manifest.json, or null until READY
 * @param error why it failed or was cancelled, or null
 * @param createdAt when it was queued
 * @param startedAt when training started, or null
 * @param finishedAt when it became READY, FAILED or CANCELLED, or null
 */
public record ModelVersion(
        String model,
        int version,
        VersionState state,
        Stage stage,
        Lineage lineage,
        Map<String, Object> metrics,
        Map<String, Long> timings,
        String artifactSha256,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public ModelVersion {
        Objects.requireNonNull(model, "model is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(stage, "stage is null");
        Objects.requireNonNull(lineage, "lineage is null");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings == null ? Map.of() : timings));
        Objects.requireNonNull(createdAt, "createdAt is null");
    }

    /** {@code Model 'fraud' version 3}, for messages. */
    String label() {
        return "Model '" + model + "' version " + version;
    }
}
