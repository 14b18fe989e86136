package org.baihua.core.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;

/**
 * Occlusion explanations: how much the winning label's probability drops when one word of a text
 * field (every occurrence of it), or one other field, is taken away. Every variant goes through the same frozen pipeline and
 * head in one batch, so an explanation says what the served model actually does.
 */
final class Explainer {

    static final int MAX_WORDS = 40;
    static final int TOP_WORDS = 5;

    Prediction.Explanation explain(LoadedVersion v, DataRecord record, float[] probabilities) {
        return explain(v, record, probabilities, Map.of());
    }

    /**
     * As {@link #explain(LoadedVersion, DataRecord, float[])}, showing each word as the caller wrote
     * it in {@code sent} (the record before redaction and preprocessing) when the preprocessed word is
     * the same word up to case and surrounding punctuation; a word the preprocessing made (a redaction
     * placeholder, a normalised form) is shown as the model saw it.
     */
    Prediction.Explanation explain(LoadedVersion v, DataRecord record, float[] probabilities, Map<String, Object> sent) {
        int winner = 0;
        for (int j = 1; j < probabilities.length; j++) {
            if (probabilities[j] > probabilities[winner]) {
                winner = j;
            }
        }
        List<DataRecord> variants = new ArrayList<>();
        List<Occluded> labels = new ArrayList<>();
        for (FieldSpec field : v.task.inputs()) {
            Object value = record.get(field.name());
            if (value == null) {
                continue;
            }
            if (field.type() == FieldType.TEXT) {
                Map<String, String> written = sent.get(field.name()) instanceof String text ? asWritten(text) : Map.of();
                for (Word word : words(value.toString())) {
                    variants.add(record.with(field.name(), word.without()));
                    String shown = written.getOrDefault(word.word().toLowerCase(Locale.ROOT), word.word());
                    labels.add(new Occluded(field.name(), new Word(shown, word.positions(), word.without())));
                }
            } else {
                variants.add(record.without(field.name()));
                labels.add(new Occluded(field.name(), null));
            }
        }
        if (variants.isEmpty()) {
            return new Prediction.Explanation(v.bundle.labels().get(winner), List.of(), Map.of());
        }
        float[][] occluded = v.head.probabilities(v.pipeline.transform(variants));
        List<Prediction.WordWeight> words = new ArrayList<>();
        Map<String, Double> fields = new LinkedHashMap<>();
        for (int i = 0; i < variants.size(); i++) {
            double drop = probabilities[winner] - occluded[i][winner];
            Occluded what = labels.get(i);
            if (what.word() != null) {
                words.add(new Prediction.WordWeight(what.field(), what.word().word(), round(drop), what.word().positions()));
            } else {
                fields.put(what.field(), round(drop));
            }
        }
        words.sort(Comparator.comparingDouble(Prediction.WordWeight::weight).reversed());
        return new Prediction.Explanation(v.bundle.labels().get(winner), words.subList(0, Math.min(TOP_WORDS, words.size())), fields);
    }

    /** What one variant leaves out: a word of a text field, or (word null) a whole field. */
    private record Occluded(String field, Word word) {}

    /**
     * A distinct word of a text: as first written (without surrounding punctuation), where it occurs,
     * and the text without any of its occurrences.
     */
    record Word(String word, List<Integer> positions, String without) {}

    /**
     * The distinct words of {@code text}, in order of first occurrence, at most {@link #MAX_WORDS}:
     * occurrences that differ only in case or surrounding punctuation are one word, so an explanation
     * never lists the same word twice.
     */
    static List<Word> words(String text) {
        String[] tokens = text.trim().split("\\s+");
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            String bare = bare(tokens[i]);
            String key = bare.toLowerCase(Locale.ROOT);
            if (!positions.containsKey(key) && positions.size() == MAX_WORDS) {
                continue; // a new word beyond the limit; later occurrences of known words still count
            }
            positions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            shown.putIfAbsent(key, bare);
        }
        List<Word> words = new ArrayList<>(positions.size());
        for (Map.Entry<String, List<Integer>> entry : positions.entrySet()) {
            Set<Integer> gone = new HashSet<>(entry.getValue());
            StringBuilder without = new StringBuilder();
            for (int k = 0; k < tokens.length; k++) {
                if (!gone.contains(k)) {
                    without.append(without.length() == 0 ? "" : " ").append(tokens[k]);
                }
            }
            words.add(new Word(shown.get(entry.getKey()), entry.getValue(), without.toString()));
        }
        return words;
    }

    /** Each distinct word of the caller's text by its lower-case form, as first written there. */
    static Map<String, String> asWritten(String text) {
        Map<String, String> written = new LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            String bare = bare(token);
            written.putIfAbsent(bare.toLowerCase(Locale.ROOT), bare);
        }
        return written;
    }

    /** The token without leading and trailing punctuation; the token itself when it is all punctuation. */
    private static String bare(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && !Character.isLetterOrDigit(token.codePointAt(from))) {
            from += Character.charCount(token.codePointAt(from));
        }
        while (to > from && !Character.isLetterOrDigit(token.codePointBefore(to))) {
            to -= Character.charCount(token.codePointBefore(to));
        }
        return from == to ? token : token.substring(from, to);
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }
}
