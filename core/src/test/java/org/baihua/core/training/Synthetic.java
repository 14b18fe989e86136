package org.baihua.core.training;

import java.util.List;
import java.util.Random;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/** Small seeded data sets and tasks for the engine's tests. */
final class Synthetic {

    private Synthetic() {}

    static TaskSpec task(TaskKind kind, List<String> labels, Metric metric, DecisionPolicy policy) {
        return new TaskSpec("test", "", kind, labels, List.of(FieldSpec.numeric("x", "")), HeadSpec.linear(), metric, policy);
    }

    /** XOR of the signs of two coordinates, with a margin around the axes, plus a noise feature. */
    static LabeledData xor(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float a = (float) ((0.2 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            float b = (float) ((0.2 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            x[i] = new float[] {a, b, (float) random.nextGaussian() * 0.1f};
            y[i] = (a > 0) == (b > 0) ? 0 : 1;
        }
        return new LabeledData(x, Targets.single(TaskKind.BINARY, List.of("same", "different"), y));
    }

    /** Three classes separated by hyperplanes with a margin, in 5 dimensions. */
    static LabeledData separable(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int d = 0; d < 5; d++) {
                x[i][d] = (float) random.nextGaussian() * 0.3f;
            }
            x[i][c] += 2f; // class c lives around the c-th axis
            y[i] = c;
        }
        return new LabeledData(x, Targets.single(TaskKind.MULTICLASS, List.of("a", "b", "c"), y));
    }

    /** Two independent labels: 'hot' when x0 > 0, 'wet' when x1 > 0; x2, x3 are noise. */
    static LabeledData multilabel(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][4];
        boolean[][] sets = new boolean[n][2];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 4; d++) {
                x[i][d] = (float) random.nextGaussian();
            }
            x[i][0] += x[i][0] > 0 ? 0.3f : -0.3f;
            x[i][1] += x[i][1] > 0 ? 0.3f : -0.3f;
            sets[i][0] = x[i][0] > 0;
            sets[i][1] = x[i][1] > 0;
        }
        return new LabeledData(x, Targets.multi(List.of("hot", "wet"), sets));
    }

    /** A rare class (5%) overlapping a common one along x0. */
    static LabeledData skewed(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble() < 0.05 ? 1 : 0;
            x[i][0] = (float) (random.nextGaussian() + (y[i] == 1 ? 1.5 : 0));
            x[i][1] = (float) random.nextGaussian();
        }
        return new LabeledData(x, Targets.single(TaskKind.BINARY, List.of("common", "rare"), y));
    }

    /** Three overlapping Gaussian classes in 4 dimensions (about 80% separable), balanced. */
    static LabeledData overlapping(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int d = 0; d < 4; d++) {
                x[i][d] = (float) random.nextGaussian();
            }
            x[i][c] += 1.5f;
            y[i] = c;
        }
        return new LabeledData(x, Targets.single(TaskKind.MULTICLASS, List.of("a", "b", "c"), y));
    }

    /** One feature x ~ N(0, 2); P(positive | x) = sigmoid(x) exactly, so a head with logit x is calibrated. */
    static LabeledData logistic(int n, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (random.nextGaussian() * 2);
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-x[i][0])) ? 1 : 0;
        }
        return new LabeledData(x, Targets.single(TaskKind.BINARY, List.of("negative", "positive"), y));
    }
}
