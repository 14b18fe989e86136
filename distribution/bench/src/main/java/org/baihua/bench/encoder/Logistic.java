package org.baihua.bench.encoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The "afternoon baseline" on frozen vectors: multinomial logistic regression (L2 1e-4, full-batch
 * Adam, 300 steps, no tuning), trained on a seeded stratified 80 % and scored on the other 20 %.
 */
final class Logistic {

    private Logistic() {}

    /** {accuracy, macro-F1} on the held-out 20 % of the split made with {@code seed}. */
    static double[] evaluate(float[][] x, int[] y, int classes, long seed) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        Random random = new Random(seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int cut = (int) Math.round(members.size() * 0.8);
            train.addAll(members.subList(0, cut));
            test.addAll(members.subList(cut, members.size()));
        }
        int d = x[0].length;
        double[][] w = new double[classes][d + 1];
        double[][] m = new double[classes][d + 1];
        double[][] v = new double[classes][d + 1];
        double lr = 0.05;
        for (int step = 1; step <= 300; step++) {
            double[][] grad = new double[classes][d + 1];
            for (int i : train) {
                double[] p = softmax(w, x[i]);
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (y[i] == c ? 1 : 0);
                    for (int k = 0; k < d; k++) {
                        grad[c][k] += g * x[i][k];
                    }
                    grad[c][d] += g;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k <= d; k++) {
                    double g = grad[c][k] / train.size() + (k < d ? 1e-4 * w[c][k] : 0);
                    m[c][k] = 0.9 * m[c][k] + 0.1 * g;
                    v[c][k] = 0.999 * v[c][k] + 0.001 * g * g;
                    double mh = m[c][k] / (1 - Math.pow(0.9, step));
                    double vh = v[c][k] / (1 - Math.pow(0.999, step));
                    w[c][k] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i : test) {
            double[] p = softmax(w, x[i]);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            confusion[y[i]][best]++;
            correct += best == y[i] ? 1 : 0;
        }
        double f1 = 0;
        for (int c = 0; c < classes; c++) {
            int tp = confusion[c][c];
            int predicted = 0;
            int actual = 0;
            for (int k = 0; k < classes; k++) {
                predicted += confusion[k][c];
                actual += confusion[c][k];
            }
            f1 += tp == 0 ? 0 : 2.0 * tp / (predicted + actual);
        }
        return new double[] {(double) correct / test.size(), f1 / classes};
    }

    private static double[] softmax(double[][] w, float[] x) {
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = w[c][x.length];
            for (int k = 0; k < x.length; k++) {
                s += w[c][k] * x[k];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }
}
