package org.baihua.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What training produced besides the artifact files, recorded when a version becomes READY.
 *
 * @param metrics evaluation metrics, JSON-like values (numbers, strings, lists, maps); also written
 *     to the artifact's metrics.json
 * @param timings duration of each phase in milliseconds, for example {@code embedding}, {@code training}
 */
public record TrainingResult(Map<String, Object> metrics, Map<String, Long> timings) {

    public TrainingResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics is null")));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings == null ? Map.of() : timings));
        timings.forEach((phase, millis) -> {
            if (millis == null || millis < 0) {
                throw new IllegalArgumentException("timing of phase '" + phase + "' must be >= 0 ms, was " + millis);
            }
        });
    }
}
