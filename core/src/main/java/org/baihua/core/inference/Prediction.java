package org.baihua.core.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The decision for one record.
 *
 * @param label the decided label (binary and multiclass tasks), else null
 * @param labels the decided labels (multilabel tasks), else null
 * @param probabilities label &rarr; probability, in the head's label order
 * @param explanation why, when asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String label, List<String> labels, Map<String, Double> probabilities, Explanation explanation) {

    /**
     * What moved the decision: occlusion of each word of the text fields and of each other field.
     *
     * @param explained the label whose probability is explained
     * @param words the words whose removal lowers that probability most, strongest first
     * @param fields field &rarr; how much that probability drops when the field is missing
     */
    public record Explanation(String explained, List<WordWeight> words, Map<String, Double> fields) {}

    /**
     * One word and its weight: the drop in the explained label's probability without it. A word that
     * occurs several times is one entry, weighed by removing every occurrence.
     *
     * @param field the text field it is in
     * @param word the word (its first occurrence, without surrounding punctuation)
     * @param weight the drop (negative: the word argues against the label)
     * @param positions where it occurs: 0-based indices of the field's whitespace-separated words
     */
    public record WordWeight(String field, String word, double weight, List<Integer> positions) {
        public WordWeight {
            positions = List.copyOf(positions);
        }
    }
}
