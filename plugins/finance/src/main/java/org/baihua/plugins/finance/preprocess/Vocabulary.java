package org.baihua.plugins.finance.preprocess;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Categorical values frequent enough in the training split to get their own one-hot slot; rarer
 * ones fold into {@value #OTHER}. Folding matters for fraud: a merchant category or country seen
 * twice in training cannot be learned, but "rare" as a group can, and at serving time an unseen
 * value lands in the same group instead of in no slot at all.
 */
final class Vocabulary {

    static final String OTHER = "other";

    private Vocabulary() {}

    /** Field &rarr; sorted values with at least {@code minCount} occurrences (sorted, so fitting is deterministic). */
    static Map<String, Object> fit(Collection<String> fields, List<Map<String, String>> rows, int minCount) {
        Map<String, Object> vocabulary = new LinkedHashMap<>();
        for (String field : fields) {
            Map<String, Integer> counts = new TreeMap<>();
            for (Map<String, String> row : rows) {
                String value = row.get(field);
                if (value != null) {
                    counts.merge(value, 1, Integer::sum);
                }
            }
            TreeSet<String> kept = new TreeSet<>();
            counts.forEach((value, count) -> {
                if (count >= minCount) {
                    kept.add(value);
                }
            });
            vocabulary.put(field, new ArrayList<>(kept));
        }
        return vocabulary;
    }

    /** The value, or {@value #OTHER} when the fitted vocabulary of the field does not hold it. */
    static String fold(Map<?, ?> vocabulary, String field, String value) {
        if (value == null || vocabulary == null || !(vocabulary.get(field) instanceof List<?> known)) {
            return value;
        }
        return known.contains(value) ? value : OTHER;
    }
}
