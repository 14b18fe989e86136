package org.baihua.core.training.eval;

/**
 * Metrics of one class (or one label of a multilabel task), one-vs-rest.
 *
 * @param label the class
 * @param support rows that truly carry it
 * @param predicted rows the decision policy assigned it to
 * @param truePositives rows carrying it that were assigned it
 * @param precision truePositives / predicted (0 when nothing was predicted)
 * @param recall truePositives / support (0 when the class has no row)
 * @param f1 harmonic mean of precision and recall (0 when both are 0)
 * @param rocAuc ROC-AUC of this class's probability, or null when all rows carry it or none does
 * @param prAuc average precision of this class's probability, or null when no row carries it
 */
public record ClassMetrics(String label, long support, long predicted, long truePositives, double precision,
                           double recall, double f1, Double rocAuc, Double prAuc) {

    /** Builds the metrics of a class from its counts. */
    public static ClassMetrics of(String label, long support, long predicted, long truePositives, Double rocAuc,
                                  Double prAuc) {
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = support == 0 ? 0 : (double) truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, support, predicted, truePositives, precision, recall, f1, rocAuc, prAuc);
    }
}
