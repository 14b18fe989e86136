package org.baihua.core.training.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernels (wide and narrow paths) against a double-precision reference, and 1 vs 2 threads. */
class MatrixOpsTest {

    @ParameterizedTest
    @CsvSource({"64, 384, 5", "64, 384, 64", "7, 13, 1", "70, 50, 15", "70, 50, 16", "33, 20, 40", "1, 9, 3", "200, 30, 17",
            // more rows and columns than one gradient tile (256 × 384), and a remainder after blocks of 4 rows
            "300, 9, 400", "6, 21, 18"})
    void kernelsMatchTheReferenceAndDoNotDependOnTheThreadCount(int rows, int in, int out) {
        Random random = new Random(rows * 31L + in * 7L + out);
        float[][] x = fill(new float[rows][in], random);
        x[0][0] = 0f; // the kernels skip zeros; make sure that stays correct
        float[][] w = fill(new float[in][out], random);
        float[] b = fill(new float[1][out], random)[0];
        float[][] d = fill(new float[rows][out], random);
        float[][] wt = new float[out][in];
        MatrixOps.transpose(w, wt);

        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (MatrixOps ops = new MatrixOps(threads)) {
                // one spare row: kernels must touch only the rows they are given
                float[][] z = new float[rows + 1][out];
                float[][] gw = new float[in][out];
                float[] gb = new float[out];
                float[][] dx = new float[rows + 1][in];
                ops.affine(x, rows, w, b, z);
                ops.gradient(x, d, rows, gw, gb);
                ops.backward(d, wt, rows, dx);
                assertThat(z[rows]).containsOnly(0f);
                assertThat(dx[rows]).containsOnly(0f);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < out; j++) {
                        double expected = b[j];
                        for (int k = 0; k < in; k++) {
                            expected += (double) x[i][k] * w[k][j];
                        }
                        assertThat((double) z[i][j]).isCloseTo(expected, within(expected, in));
                    }
                }
                for (int k = 0; k < in; k++) {
                    for (int j = 0; j < out; j++) {
                        double expected = 0;
                        for (int i = 0; i < rows; i++) {
                            expected += (double) x[i][k] * d[i][j];
                        }
                        assertThat((double) gw[k][j]).isCloseTo(expected, within(expected, rows));
                    }
                }
                for (int j = 0; j < out; j++) {
                    double expected = 0;
                    for (int i = 0; i < rows; i++) {
                        expected += d[i][j];
                    }
                    assertThat((double) gb[j]).isCloseTo(expected, within(expected, rows));
                }
                for (int i = 0; i < rows; i++) {
                    for (int k = 0; k < in; k++) {
                        double expected = 0;
                        for (int j = 0; j < out; j++) {
                            expected += (double) d[i][j] * w[k][j];
                        }
                        assertThat((double) dx[i][k]).isCloseTo(expected, within(expected, out));
                    }
                }
                results[threads - 1] = concat(z, gw, gb, dx);
            }
        }
        assertThat(results[1]).containsExactly(results[0]);
    }

    private static org.assertj.core.data.Offset<Double> within(double expected, int terms) {
        return org.assertj.core.data.Offset.offset(1e-5 * terms * Math.max(1, Math.abs(expected)));
    }

    private static float[][] fill(float[][] a, Random random) {
        for (float[] row : a) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return a;
    }

    private static float[] concat(float[][] z, float[][] gw, float[] gb, float[][] dx) {
        java.util.List<float[]> parts = new java.util.ArrayList<>(java.util.Arrays.asList(z));
        parts.addAll(java.util.Arrays.asList(gw));
        parts.add(gb);
        parts.addAll(java.util.Arrays.asList(dx));
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] all = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }
}
