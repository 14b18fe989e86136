package org.baihua.core.training.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.sdk.Metric;

/**
 * The metrics of a head on one split, computed with the decision policy that serving applies.
 * Plain data (stored as metrics.json of a model version). For multilabel tasks {@code accuracy} is
 * the exact-match (subset) accuracy, the per-class metrics are per label, and there is no confusion
 * matrix.
 *
 * @param split which data was evaluated: {@code validation}, {@code test} or {@code training}
 * @param examples number of rows
 * @param labels the labels, in output order
 * @param accuracy share of rows whose decision equals the truth
 * @param macroF1 unweighted mean of the per-class F1
 * @param f1 F1 of the positive class (binary tasks), else null
 * @param positiveLabel the positive class of a binary task, else null
 * @param rocAuc ROC-AUC (binary: of the positive class; else the one-vs-rest mean), null if undefined
 * @param prAuc average precision, likewise
 * @param logLoss mean cross-entropy of the probabilities (multilabel: mean binary cross-entropy per label)
 * @param expectedCalibrationError mean |confidence - accuracy| over 15 equal-width bins, weighted by bin size
 * @param expectedCost mean cost per row under a minimum-cost policy's matrix, else null
 * @param perClass one entry per label
 * @param confusionMatrix rows = actual, columns = predicted, in label order; null for multilabel tasks
 */
public record Evaluation(String split, int examples, List<String> labels, double accuracy, double macroF1, Double f1,
                         String positiveLabel, Double rocAuc, Double prAuc, double logLoss,
                         double expectedCalibrationError, Double expectedCost, List<ClassMetrics> perClass,
                         List<List<Long>> confusionMatrix) {

    public Evaluation {
        Objects.requireNonNull(split, "split is null");
        labels = List.copyOf(labels);
        perClass = List.copyOf(perClass);
        confusionMatrix = confusionMatrix == null ? null : confusionMatrix.stream().map(List::copyOf).toList();
    }

    /**
     * The value of a metric; NaN when it is undefined on this data (AUC with one class present,
     * F1 of a non-binary task, expected cost without a cost matrix).
     */
    public double value(Metric metric) {
        return switch (metric) {
            case ACCURACY -> accuracy;
            case MACRO_F1 -> macroF1;
            case F1 -> f1 == null ? Double.NaN : f1;
            case ROC_AUC -> rocAuc == null ? Double.NaN : rocAuc;
            case PR_AUC -> prAuc == null ? Double.NaN : prAuc;
            case LOG_LOSS -> logLoss;
            case EXPECTED_COST -> expectedCost == null ? Double.NaN : expectedCost;
        };
    }

    /** The defined metrics by name, for progress events and dashboards. */
    public Map<String, Double> summary() {
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (Metric metric : Metric.values()) {
            double v = value(metric);
            if (!Double.isNaN(v)) {
                values.put(metric.name(), v);
            }
        }
        return values;
    }
}
