package org.baihua.bench.training;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.baihua.core.training.nn.MatrixOps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's dense kernels at the sizes of a training step (a mini-batch of 64 through
 * 384 &rarr; out), against a naive i-j-k triple loop. GFLOP/s = 2 &times; rows &times; in &times; out / time.
 *
 * <pre>
 * java -cp "$(cat distribution/bench/target/classpath.txt):distribution/bench/target/classes" \
 *     org.openjdk.jmh.Main KernelBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBenchmark {

    @Param({"64", "128", "5"})
    public int out;

    @Param({"1", "2"})
    public int threads;

    private static final int ROWS = 64;
    private static final int IN = 384;

    private MatrixOps ops;
    private float[][] x;
    private float[][] w;
    private float[][] wt;
    private float[] b;
    private float[][] z;
    private float[][] d;
    private float[][] gw;
    private float[] gb;
    private float[][] dx;
    private float[] xFlat;
    private float[] wFlat;
    private float[] zFlat;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        ops = new MatrixOps(threads);
        x = fill(new float[ROWS][IN], random);
        w = fill(new float[IN][out], random);
        wt = new float[out][IN];
        MatrixOps.transpose(w, wt);
        b = fill(new float[1][out], random)[0];
        z = new float[ROWS][out];
        d = fill(new float[ROWS][out], random);
        gw = new float[IN][out];
        gb = new float[out];
        dx = new float[ROWS][IN];
        xFlat = flatten(x);
        wFlat = flatten(w);
        zFlat = new float[ROWS * out];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ops.close();
    }

    private static float[][] fill(float[][] a, Random random) {
        for (float[] row : a) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return a;
    }

    private static float[] flatten(float[][] a) {
        float[] flat = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, flat, i * a[0].length, a[0].length);
        }
        return flat;
    }

    /** Forward: z = x·w + b. */
    @Benchmark
    public float[][] affine() {
        ops.affine(x, ROWS, w, b, z);
        return z;
    }

    /** Weight gradient: gw = xᵀ·d. */
    @Benchmark
    public float[][] gradient() {
        ops.gradient(x, d, ROWS, gw, gb);
        return gw;
    }

    /** Input gradient: dx = d·wᵀ. */
    @Benchmark
    public float[][] backward() {
        ops.backward(d, wt, ROWS, dx);
        return dx;
    }

    /** The naive loop a first implementation would write: a dot product per output, flat arrays. */
    @Benchmark
    public float[] naiveAffine() {
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < out; j++) {
                float sum = b[j];
                for (int k = 0; k < IN; k++) {
                    sum += xFlat[i * IN + k] * wFlat[k * out + j];
                }
                zFlat[i * out + j] = sum;
            }
        }
        return zFlat;
    }

    /**
     * AXPY over one flat array with two offsets, the engine's first version: C2 does not vectorise
     * it (it cannot rule out that the two ranges overlap), unlike the row-array form of {@link #affine}.
     */
    @Benchmark
    public float[] flatAxpyAffine() {
        for (int i = 0; i < ROWS; i++) {
            int zo = i * out;
            int xo = i * IN;
            System.arraycopy(b, 0, zFlat, zo, out);
            for (int k = 0; k < IN; k++) {
                float a = xFlat[xo + k];
                int wo = k * out;
                for (int j = 0; j < out; j++) {
                    zFlat[zo + j] += a * wFlat[wo + j];
                }
            }
        }
        return zFlat;
    }
}
