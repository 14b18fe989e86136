package org.baihua.plugins.industrial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;

/**
 * Explicit class weights relative to the most common class: {@code (maxCount / count)^power},
 * capped. Power 1 weighs like "balanced" (up to the cap); 0.5 (square root) helps rare classes
 * without drowning the common one.
 */
final class ClassWeights {

    private ClassWeights() {}

    static ClassWeighting relative(Map<String, Long> counts, double power, double cap) {
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long present = counts.values().stream().filter(c -> c > 0).count();
        if (present < 2) {
            return ClassWeighting.none();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        counts.forEach((label, count) -> {
            if (count > 0) {
                weights.put(label, Math.min(cap, Math.pow((double) max / count, power)));
            }
        });
        return ClassWeighting.explicit(weights);
    }
}
