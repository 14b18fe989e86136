package org.baihua.plugins.finance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.sdk.ClassWeighting;

/**
 * Explicit class weights relative to the most common class: {@code (maxCount / count)^power},
 * capped. Power 1 weighs classes like "balanced" does (up to the cap); power 0.5 (square root)
 * helps the rare classes without drowning the common one, which keeps accuracy up on skewed sets.
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
