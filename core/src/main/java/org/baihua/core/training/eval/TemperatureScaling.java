package org.baihua.core.training.eval;

import java.util.ArrayList;
import java.util.List;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.OutputKind;

/**
 * Temperature scaling (Guo et al., 2017): one scalar {@code T} divides the head's output logits so
 * that the probabilities match observed frequencies on held-out data; the ranking of the classes of
 * a row does not change. {@code T} is fitted by minimising the log-loss on held-out probabilities
 * (the log-loss is convex in {@code 1/T}, so a golden-section search finds the minimum). Applied by
 * scaling the output layer's weights and bias by {@code 1/T}, so the exported head serves the
 * calibrated probabilities with no extra operator.
 */
public final class TemperatureScaling {

    /**
     * Search interval of {@code 1/T}, T in [0.2, 20]: on held-out data that the head separates
     * perfectly the log-loss keeps falling as T goes to 0, which would make every probability 0 or
     * 1; a head that needs more than five-fold sharpening or twenty-fold flattening is mis-trained,
     * not mis-calibrated.
     */
    private static final double MIN_INVERSE = 1 / 20.0;
    private static final double MAX_INVERSE = 1 / 0.2;
    private static final int ITERATIONS = 80;
    private static final double EPSILON = 1e-12;

    private TemperatureScaling() {}

    /**
     * The temperature that minimises the log-loss of {@code probabilities} against {@code truth}.
     *
     * @param probabilities held-out probabilities of an uncalibrated head, one row per example
     * @param output softmax (single-label) or sigmoid (multilabel)
     * @return T &gt; 0; 1 when there is nothing to fit
     */
    public static double fit(float[][] probabilities, Targets truth, OutputKind output) {
        if (probabilities.length != truth.rows()) {
            throw new IllegalArgumentException(probabilities.length + " rows of probabilities for " + truth.rows()
                    + " rows of labels");
        }
        if (probabilities.length == 0) {
            return 1;
        }
        double[][] logits = logits(probabilities, output);
        // golden-section search on log(1/T): log-loss is convex in 1/T and the log spreads the scale evenly
        double lo = Math.log(MIN_INVERSE);
        double hi = Math.log(MAX_INVERSE);
        double golden = (Math.sqrt(5) - 1) / 2;
        double a = hi - golden * (hi - lo);
        double b = lo + golden * (hi - lo);
        double fa = logLoss(logits, truth, output, Math.exp(a));
        double fb = logLoss(logits, truth, output, Math.exp(b));
        for (int i = 0; i < ITERATIONS; i++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - golden * (hi - lo);
                fa = logLoss(logits, truth, output, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + golden * (hi - lo);
                fb = logLoss(logits, truth, output, Math.exp(b));
            }
        }
        double inverse = Math.exp((lo + hi) / 2);
        // never worse than leaving the head as it is
        return logLoss(logits, truth, output, inverse) < logLoss(logits, truth, output, 1) ? 1 / inverse : 1;
    }

    /** {@code probabilities} as an uncalibrated head would give them, re-scaled by temperature T. */
    public static float[][] apply(float[][] probabilities, OutputKind output, double temperature) {
        double[][] logits = logits(probabilities, output);
        float[][] scaled = new float[logits.length][];
        for (int r = 0; r < logits.length; r++) {
            double[] row = probabilities(logits[r], output, 1 / temperature);
            scaled[r] = new float[row.length];
            for (int j = 0; j < row.length; j++) {
                scaled[r][j] = (float) row[j];
            }
        }
        return scaled;
    }

    /** The head with its output logits divided by {@code temperature}. */
    public static HeadWeights scale(HeadWeights weights, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        List<HeadWeights.Dense> layers = new ArrayList<>(weights.layers());
        HeadWeights.Dense last = layers.get(layers.size() - 1);
        float[] w = last.weights().clone();
        float[] b = last.bias().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (w[i] / temperature);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (b[i] / temperature);
        }
        layers.set(layers.size() - 1, new HeadWeights.Dense(last.inputs(), last.outputs(), w, b));
        return new HeadWeights(layers, weights.activation(), weights.output());
    }

    /** Logits recovered from probabilities: log p for softmax (up to a per-row constant), log-odds for sigmoid. */
    private static double[][] logits(float[][] probabilities, OutputKind output) {
        double[][] logits = new double[probabilities.length][];
        for (int r = 0; r < probabilities.length; r++) {
            float[] p = probabilities[r];
            logits[r] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                double q = Math.min(1 - EPSILON, Math.max(EPSILON, p[j]));
                logits[r][j] = output == OutputKind.SIGMOID ? Math.log(q / (1 - q)) : Math.log(q);
            }
        }
        return logits;
    }

    private static double[] probabilities(double[] logits, OutputKind output, double inverse) {
        double[] p = new double[logits.length];
        if (output == OutputKind.SIGMOID) {
            for (int j = 0; j < p.length; j++) {
                p[j] = 1 / (1 + Math.exp(-logits[j] * inverse));
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z * inverse);
        }
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logits[j] * inverse - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    private static double logLoss(double[][] logits, Targets truth, OutputKind output, double inverse) {
        double sum = 0;
        for (int r = 0; r < logits.length; r++) {
            double[] p = probabilities(logits[r], output, inverse);
            for (int j = 0; j < p.length; j++) {
                if (output == OutputKind.SIGMOID) {
                    sum -= Math.log(Math.max(EPSILON, truth.has(r, j) ? p[j] : 1 - p[j]));
                } else if (truth.has(r, j)) {
                    sum -= Math.log(Math.max(EPSILON, p[j]));
                }
            }
        }
        return sum / logits.length;
    }
}
