package org.baihua.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for a mistyped name: the closest known name by edit distance, when close enough. */
public final class Suggestions {

    private Suggestions() {}

    /** The known name closest to {@code typed}, if it is within a third of its length (at least 3 edits). */
    public static Optional<String> closest(String typed, Collection<String> known) {
        int limit = Math.max(3, typed.length() / 3);
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(k, typed)).thenComparing(Comparator.naturalOrder()))
                .filter(k -> distance(k, typed) <= limit);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
