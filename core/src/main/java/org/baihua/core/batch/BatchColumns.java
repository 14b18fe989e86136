package org.baihua.core.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.inference.Prediction;
import org.baihua.core.inference.VersionScorer;

/**
 * The layout of a batch result row, one definition for the host's batch jobs and baihua-spark: the
 * input's columns as read, then {@code predicted_label} (multilabel: the labels joined by {@code |}),
 * one {@code p_<label>} column per label in the head's order, {@code explanation} (JSON, only when
 * asked for) and {@code rejected} (the reason a row was not scored, else empty). A rejected row keeps
 * its place and its input values.
 */
public final class BatchColumns {

    /** The decided label (or labels joined by '|'). */
    public static final String PREDICTED = "predicted_label";
    /** The reason a row was not scored. */
    public static final String REJECTED = "rejected";
    /** The explanation as a JSON document. */
    public static final String EXPLANATION = "explanation";
    /** Prefix of the probability columns. */
    public static final String PROBABILITY_PREFIX = "p_";

    private BatchColumns() {}

    /** The output columns that follow the input's, for these labels. */
    public static List<String> added(List<String> labels, boolean explain) {
        java.util.ArrayList<String> columns = new java.util.ArrayList<>();
        columns.add(PREDICTED);
        labels.forEach(l -> columns.add(PROBABILITY_PREFIX + l));
        if (explain) {
            columns.add(EXPLANATION);
        }
        columns.add(REJECTED);
        return columns;
    }

    /**
     * The added values of one row, in the order of {@link #added}: label, probabilities, explanation,
     * rejection.
     *
     * @param explanationJson turns an explanation into its JSON text
     */
    public static Map<String, Object> values(List<String> labels, boolean explain, VersionScorer.Outcome outcome,
                                             java.util.function.Function<Prediction.Explanation, String> explanationJson) {
        Map<String, Object> values = new LinkedHashMap<>();
        Prediction p = outcome.prediction();
        values.put(PREDICTED, p == null ? null : p.labels() != null ? String.join("|", p.labels()) : p.label());
        for (String label : labels) {
            values.put(PROBABILITY_PREFIX + label, p == null ? null : p.probabilities().get(label));
        }
        if (explain) {
            values.put(EXPLANATION, p == null || p.explanation() == null ? null : explanationJson.apply(p.explanation()));
        }
        values.put(REJECTED, outcome.rejected());
        return values;
    }
}
