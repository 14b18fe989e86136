package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.baihua.core.training.nn.HeadNetwork;
import org.baihua.core.training.nn.Loss;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.core.training.nn.SigmoidBinaryCrossEntropy;
import org.baihua.core.training.nn.SoftmaxCrossEntropy;
import org.baihua.sdk.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backpropagation against central finite differences, (L(w + h) - L(w - h)) / 2h with h = 1e-3,
 * for every parameter of every layer. Tolerance: |analytic - numeric| &le; 1e-4 + 1e-2 |numeric|
 * (float32 weights; the loss itself is accumulated in double).
 */
class GradientCheckTest {

    private static final double H = 1e-3;
    private static final int ROWS = 6;

    private final MatrixOps ops = new MatrixOps(1);

    @ParameterizedTest
    @EnumSource(Activation.class)
    void twoHiddenLayersWithSoftmaxCrossEntropyClassWeightsAndLabelSmoothing(Activation activation) {
        Loss loss = new SoftmaxCrossEntropy(new float[] {1f, 2.5f, 0.5f}, 0.1);
        check(activation, List.of(5, 4), 3, OutputKind.SOFTMAX, loss, oneHot(3), 0);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void hiddenLayerWithSigmoidBinaryCrossEntropyAndLabelWeights(Activation activation) {
        Loss loss = new SigmoidBinaryCrossEntropy(new float[] {3f, 1f}, new float[] {0.7f, 1.2f});
        check(activation, List.of(6), 2, OutputKind.SIGMOID, loss, multiHot(2), 0);
    }

    @Test
    void wideLayersUseTheOtherKernels() {
        // widths of 16 and more take the wide (row-major AXPY) kernels, narrower ones the transposed ones
        check(Activation.GELU, List.of(20), 17, OutputKind.SOFTMAX,
                new SoftmaxCrossEntropy(filled(17, 1f), 0.05), oneHot(17), 0);
    }

    @Test
    void linearHead() {
        check(Activation.RELU, List.of(), 4, OutputKind.SOFTMAX, new SoftmaxCrossEntropy(new float[] {1, 1, 1, 1}, 0),
                oneHot(4), 0);
    }

    @Test
    void dropoutWithAFixedMask() {
        // the same seed before every evaluation gives the same mask, under which the network is differentiable
        check(Activation.TANH, List.of(8, 5), 3, OutputKind.SOFTMAX, new SoftmaxCrossEntropy(new float[] {1, 1, 1}, 0),
                oneHot(3), 0.3);
    }

    private void check(Activation activation, List<Integer> hidden, int outputs, OutputKind kind, Loss loss,
                       float[][] targets, double dropout) {
        Random random = new Random(7);
        int inputs = 4;
        float[][] x = new float[ROWS][inputs];
        for (float[] row : x) {
            for (int i = 0; i < inputs; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        HeadNetwork network = HeadNetwork.initialise(inputs, hidden, outputs, activation, kind, dropout, random);
        boolean[] weightRows = network.decayMask();
        for (int p = 0; p < weightRows.length; p++) {
            if (!weightRows[p]) { // biases: small non-zero values so they matter
                float[] bias = network.parameters().get(p);
                for (int i = 0; i < bias.length; i++) {
                    bias[i] = (float) random.nextGaussian() * 0.1f;
                }
            }
        }
        network.forwardBackward(x, targets, ROWS, loss, new Random(99), ops);
        List<float[]> analytic = network.gradients().stream().map(float[]::clone).toList();
        List<float[]> parameters = network.parameters();
        int checked = 0;
        for (int p = 0; p < parameters.size(); p++) {
            float[] w = parameters.get(p);
            for (int i = 0; i < w.length; i++) {
                float saved = w[i];
                w[i] = (float) (saved + H);
                double plus = network.forwardBackward(x, targets, ROWS, loss, new Random(99), ops);
                w[i] = (float) (saved - H);
                double minus = network.forwardBackward(x, targets, ROWS, loss, new Random(99), ops);
                w[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                assertThat(Math.abs(analytic.get(p)[i] - numeric))
                        .as("parameter array %d (rows of w, then b, per layer) index %d (%s): analytic %s, numeric %s", p, i, activation,
                                analytic.get(p)[i], numeric)
                        .isLessThanOrEqualTo(1e-4 + 1e-2 * Math.abs(numeric));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static float[][] oneHot(int k) {
        float[][] t = new float[ROWS][k];
        for (int r = 0; r < ROWS; r++) {
            t[r][r % k] = 1f;
        }
        return t;
    }

    private static float[][] multiHot(int k) {
        float[][] t = new float[ROWS][k];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < k; j++) {
                t[r][j] = (r + j) % 3 == 0 ? 1f : 0f;
            }
        }
        return t;
    }
}
