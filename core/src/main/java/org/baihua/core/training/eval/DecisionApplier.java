package org.baihua.core.training.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;

/**
 * Turns predicted probabilities into a decision under a {@link DecisionPolicy}. Evaluation and
 * serving use this same class, so the metrics of a version describe what serving does.
 */
public final class DecisionApplier {

    private final TaskKind kind;
    private final List<String> labels;
    private final DecisionPolicy policy;
    private final int positive;
    private final double[][] costs;

    /**
     * @throws IllegalArgumentException when the policy does not fit the task: a threshold without a
     *     known positive label on a single-label task, a cost matrix naming unknown labels or on a
     *     multilabel task
     */
    public DecisionApplier(TaskKind kind, List<String> labels, DecisionPolicy policy) {
        this.kind = Objects.requireNonNull(kind, "kind is null");
        this.labels = List.copyOf(labels);
        this.policy = Objects.requireNonNull(policy, "policy is null");
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a decision needs at least one label");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < labels.size(); j++) {
            index.put(labels.get(j), j);
        }
        int positiveIndex = -1;
        if (policy instanceof DecisionPolicy.Threshold threshold && kind != TaskKind.MULTILABEL) {
            Integer j = threshold.positiveLabel() == null ? null : index.get(threshold.positiveLabel());
            if (j == null) {
                throw new IllegalArgumentException("threshold policy names positive label '" + threshold.positiveLabel()
                        + "', which is not one of " + labels);
            }
            positiveIndex = j;
        }
        this.positive = positiveIndex;
        if (policy instanceof DecisionPolicy.MinimumCost minimumCost) {
            if (kind == TaskKind.MULTILABEL) {
                throw new IllegalArgumentException("a minimum-cost policy needs a single-label task, not MULTILABEL");
            }
            minimumCost.costs().forEach((actual, row) -> {
                requireKnown(index, actual);
                row.keySet().forEach(predicted -> requireKnown(index, predicted));
            });
            costs = new double[labels.size()][labels.size()];
            for (int a = 0; a < labels.size(); a++) {
                for (int p = 0; p < labels.size(); p++) {
                    costs[a][p] = minimumCost.cost(labels.get(a), labels.get(p));
                }
            }
        } else {
            costs = null;
        }
    }

    private void requireKnown(Map<String, Integer> index, String label) {
        if (!index.containsKey(label)) {
            throw new IllegalArgumentException("cost matrix names label '" + label + "', which is not one of " + labels);
        }
    }

    /** The policy applied. */
    public DecisionPolicy policy() {
        return policy;
    }

    /**
     * The chosen label indexes, most probable first: exactly one for single-label tasks (TopK gives
     * k, the first being the decision); any number, possibly none, for multilabel tasks.
     */
    public int[] decide(float[] p) {
        if (p.length != labels.size()) {
            throw new IllegalArgumentException("got " + p.length + " probabilities for " + labels.size() + " labels");
        }
        if (policy instanceof DecisionPolicy.TopK topK) {
            return topK(p, Math.min(topK.k(), p.length));
        }
        if (kind == TaskKind.MULTILABEL) {
            double threshold = policy instanceof DecisionPolicy.Threshold t ? t.threshold() : 0.5;
            List<Integer> chosen = new ArrayList<>();
            for (int j = 0; j < p.length; j++) {
                if (p[j] >= threshold) {
                    chosen.add(j);
                }
            }
            chosen.sort((a, b) -> Float.compare(p[b], p[a]));
            return chosen.stream().mapToInt(Integer::intValue).toArray();
        }
        if (policy instanceof DecisionPolicy.Threshold threshold) {
            if (p[positive] >= threshold.threshold()) {
                return new int[] {positive};
            }
            return new int[] {argmax(p, positive)};
        }
        if (costs != null) {
            return new int[] {minimumCost(p)};
        }
        return new int[] {argmax(p, -1)};
    }

    /** The chosen labels by name, in the order of {@link #decide}. */
    public List<String> labels(float[] p) {
        List<String> names = new ArrayList<>();
        for (int j : decide(p)) {
            names.add(labels.get(j));
        }
        return names;
    }

    /** The expected cost of predicting each label under the cost matrix, or null without one. */
    public double[] expectedCosts(float[] p) {
        if (costs == null) {
            return null;
        }
        double[] expected = new double[p.length];
        for (int predicted = 0; predicted < p.length; predicted++) {
            for (int actual = 0; actual < p.length; actual++) {
                expected[predicted] += p[actual] * costs[actual][predicted];
            }
        }
        return expected;
    }

    /** The cost of predicting {@code predicted} when the truth is {@code actual}, or NaN without a cost matrix. */
    public double cost(int actual, int predicted) {
        return costs == null ? Double.NaN : costs[actual][predicted];
    }

    private int minimumCost(float[] p) {
        double[] expected = expectedCosts(p);
        int best = 0;
        for (int j = 1; j < expected.length; j++) {
            if (expected[j] < expected[best]) {
                best = j;
            }
        }
        return best;
    }

    private static int argmax(float[] p, int skip) {
        int best = -1;
        for (int j = 0; j < p.length; j++) {
            if (j != skip && (best < 0 || p[j] > p[best])) {
                best = j;
            }
        }
        return best;
    }

    private static int[] topK(float[] p, int k) {
        Integer[] order = new Integer[p.length];
        for (int j = 0; j < p.length; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> p[b] != p[a] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
        int[] chosen = new int[k];
        for (int i = 0; i < k; i++) {
            chosen[i] = order[i];
        }
        return chosen;
    }
}
