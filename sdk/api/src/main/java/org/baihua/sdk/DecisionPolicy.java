package org.baihua.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a model turns predicted probabilities into a decision. A task names its default; training
 * may tune it (a threshold, for instance) on the validation split, and the tuned policy is stored
 * with the model version so that serving applies exactly what was evaluated.
 */
public sealed interface DecisionPolicy
        permits DecisionPolicy.Argmax, DecisionPolicy.Threshold, DecisionPolicy.TopK, DecisionPolicy.MinimumCost {

    /** The most probable label wins (multiclass); for multilabel, every label with p &ge; 0.5. */
    record Argmax() implements DecisionPolicy {}

    /**
     * Binary: {@code positiveLabel} when its probability is at least {@code threshold}; multilabel:
     * every label whose probability is at least {@code threshold}.
     *
     * @param positiveLabel the label that the threshold applies to (binary tasks); may be null for multilabel
     * @param threshold in [0, 1]
     * @param tuning how training tunes the threshold on the validation split
     */
    record Threshold(String positiveLabel, double threshold, ThresholdTuning tuning) implements DecisionPolicy {
        public Threshold {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
            }
            tuning = tuning == null ? ThresholdTuning.none() : tuning;
        }
    }

    /**
     * The {@code k} most probable labels (multilabel), each reported with its probability.
     *
     * @param k at least 1
     */
    record TopK(int k) implements DecisionPolicy {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, was " + k);
            }
        }
    }

    /**
     * The label with the lowest expected cost under a cost matrix, for tasks where errors cost
     * unequal amounts (credit risk: approving a bad applicant costs more than refusing a good one).
     *
     * @param costs actual label &rarr; predicted label &rarr; cost (missing entries cost 0)
     */
    record MinimumCost(Map<String, Map<String, Double>> costs) implements DecisionPolicy {
        public MinimumCost {
            Objects.requireNonNull(costs, "costs is null");
            Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
            costs.forEach((actual, row) -> {
                row.forEach((predicted, cost) -> {
                    if (cost == null || cost.isNaN() || cost < 0) {
                        throw new IllegalArgumentException(
                                "cost of predicting '" + predicted + "' for '" + actual + "' must be >= 0, was " + cost);
                    }
                });
                copy.put(actual, Map.copyOf(row));
            });
            costs = java.util.Collections.unmodifiableMap(copy);
        }

        /** The cost of predicting {@code predicted} when the truth is {@code actual}. */
        public double cost(String actual, String predicted) {
            return costs.getOrDefault(actual, Map.of()).getOrDefault(predicted, 0.0);
        }
    }

    /** The default policy: argmax. */
    static DecisionPolicy argmax() {
        return new Argmax();
    }
}
