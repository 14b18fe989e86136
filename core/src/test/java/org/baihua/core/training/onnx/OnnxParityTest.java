package org.baihua.core.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.baihua.core.training.HeadRunner;
import org.baihua.core.training.JavaHead;
import org.baihua.core.training.nn.HeadNetwork;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.sdk.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exported head on DJL / ONNX Runtime against the engine's own forward pass. */
class OnnxParityTest {

    private static HeadWeights randomHead(List<Integer> hidden, Activation activation, OutputKind output, long seed) {
        Random random = new Random(seed);
        HeadNetwork network = HeadNetwork.initialise(24, hidden, 5, activation, output, 0, random);
        for (float[] p : network.parameters()) {
            for (int i = 0; i < p.length; i++) {
                p[i] += (float) random.nextGaussian() * 0.05f; // non-zero biases too
            }
        }
        return network.weights();
    }

    private static float[][] randomInputs(int rows, int width, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[rows][width];
        for (float[] row : x) {
            for (int d = 0; d < width; d++) {
                row[d] = (float) random.nextGaussian() * 2f;
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpHeadsAgreeWithin1e5On1000RandomInputs(Activation activation) {
        assertParity(randomHead(List.of(32, 16), activation, OutputKind.SOFTMAX, 1));
        assertParity(randomHead(List.of(12), activation, OutputKind.SIGMOID, 2));
    }

    @Test
    void linearHeadsAgree() {
        assertParity(randomHead(List.of(), Activation.RELU, OutputKind.SOFTMAX, 3));
        assertParity(randomHead(List.of(), Activation.RELU, OutputKind.SIGMOID, 4));
    }

    @Test
    void onnxHeadServesConcurrentCallers() throws Exception {
        HeadWeights weights = randomHead(List.of(16), Activation.GELU, OutputKind.SOFTMAX, 5);
        float[][] x = randomInputs(50, 24, 6);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (OnnxHead onnx = OnnxHead.load(OnnxHeadExporter.export(weights, "head"), 24, 5)) {
            float[][] expected = onnx.probabilities(x);
            List<Future<float[][]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> onnx.probabilities(x)));
            }
            for (Future<float[][]> result : results) {
                assertThat(result.get()).isDeepEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongWidthAndGarbageBytesAreClearErrors() {
        HeadWeights weights = randomHead(List.of(), Activation.RELU, OutputKind.SOFTMAX, 7);
        try (OnnxHead onnx = OnnxHead.load(OnnxHeadExporter.export(weights, "head"), 24, 5)) {
            assertThatThrownBy(() -> onnx.probabilities(new float[][] {new float[24], new float[23]}))
                    .hasMessageContaining("row 1 has 23 features");
        }
        assertThatThrownBy(() -> OnnxHead.load(new byte[] {1, 2, 3}, 24, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot load");
    }

    private static void assertParity(HeadWeights weights) {
        float[][] x = randomInputs(1000, 24, 99);
        try (HeadRunner java = new JavaHead(weights);
             HeadRunner onnx = OnnxHead.load(OnnxHeadExporter.export(weights, "head"), 24, 5)) {
            float[][] expected = java.probabilities(x);
            float[][] actual = onnx.probabilities(x);
            assertThat(actual.length).isEqualTo(1000);
            double max = 0;
            for (int r = 0; r < x.length; r++) {
                for (int j = 0; j < 5; j++) {
                    max = Math.max(max, Math.abs(expected[r][j] - actual[r][j]));
                }
            }
            assertThat(max).as("max abs difference for %s", weights.activation()).isLessThan(1e-5);
        }
    }
}
