package org.baihua.core.training.nn;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dense kernels of the engine on row-major float arrays, split over a fixed number of threads.
 *
 * <p>Each output element is computed by one thread in a fixed order whatever the thread count, so
 * results are bit-identical for 1 or n threads. Inner loops run over contiguous memory with no
 * reduction, which lets the JIT vectorise them (AXPY form). Narrow outputs (fewer than
 * {@value #NARROW} columns, e.g. the 2-5 logits of a linear head) would make those inner loops a few
 * elements long, so for them the kernels work on transposed operands and loop over the batch rows
 * or the input features instead.
 *
 * <p>Holds scratch buffers: one caller thread at a time.
 */
public final class MatrixOps implements AutoCloseable {

    /** Below this many multiply-adds a call runs on the caller thread: a hand-off costs more. */
    private static final long PARALLEL_THRESHOLD = 16_384;

    /** Outputs narrower than this use the transposed kernels. */
    static final int NARROW = 16;

    private final int threads;
    private final ExecutorService pool;
    private float[] scratchA = new float[0];
    private float[] scratchB = new float[0];

    /** @param threads threads to use, at least 1; the caller's thread counts as one */
    public MatrixOps(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "baihua-train-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, factory);
    }

    /** Threads in use. */
    public int threads() {
        return threads;
    }

    /** {@code z[rows×out] = x[rows×in] · w[in×out] + b[out]}. */
    public void affine(float[] x, int rows, int in, float[] w, float[] b, int out, float[] z) {
        if (out >= NARROW) {
            parallel(rows, (long) rows * in * out, (r0, r1) -> affineRows(x, r0, r1, in, w, b, out, z));
            return;
        }
        float[] xt = scratchA(rows * in);
        float[] zt = scratchB(rows * out);
        parallel(rows, (long) rows * in * out, (r0, r1) -> affineNarrow(x, xt, zt, rows, r0, r1, in, w, b, out, z));
    }

    /** {@code gw[in×out] = a[rows×in]ᵀ · d[rows×out]}; also {@code gb[out]} = column sums of d. */
    public void gradient(float[] a, float[] d, int rows, int in, int out, float[] gw, float[] gb) {
        if (out >= NARROW) {
            parallel(in, (long) rows * in * out, (k0, k1) -> gradientRows(a, d, rows, in, out, gw, k0, k1));
        } else {
            float[] gwt = scratchA(in * out);
            parallel(in, (long) rows * in * out, (k0, k1) -> gradientNarrow(a, d, rows, in, out, gwt, gw, k0, k1));
        }
        java.util.Arrays.fill(gb, 0f);
        for (int i = 0; i < rows; i++) {
            int o = i * out;
            for (int j = 0; j < out; j++) {
                gb[j] += d[o + j];
            }
        }
    }

    /** {@code da[rows×in] = d[rows×out] · wᵀ}, given {@code wt[out×in]}, the transpose of w. */
    public void backward(float[] d, float[] wt, int rows, int in, int out, float[] da) {
        parallel(rows, (long) rows * in * out, (r0, r1) -> backwardRows(d, wt, r0, r1, in, out, da));
    }

    /** {@code wt[out×in]} = transpose of {@code w[in×out]}. */
    public static void transpose(float[] w, int in, int out, float[] wt) {
        for (int k = 0; k < in; k++) {
            int o = k * out;
            for (int j = 0; j < out; j++) {
                wt[j * in + k] = w[o + j];
            }
        }
    }

    static void affineRows(float[] x, int r0, int r1, int in, float[] w, float[] b, int out, float[] z) {
        for (int i = r0; i < r1; i++) {
            int zo = i * out;
            int xo = i * in;
            System.arraycopy(b, 0, z, zo, out);
            for (int k = 0; k < in; k++) {
                float a = x[xo + k];
                if (a == 0f) {
                    continue; // one-hot and ReLU outputs are sparse
                }
                int wo = k * out;
                for (int j = 0; j < out; j++) {
                    z[zo + j] += a * w[wo + j];
                }
            }
        }
    }

    /** Narrow affine on rows [r0, r1): zᵀ[j, i] = b[j] + Σ_k w[k, j] · xᵀ[k, i], inner loop over rows. */
    static void affineNarrow(float[] x, float[] xt, float[] zt, int rows, int r0, int r1, int in, float[] w,
                             float[] b, int out, float[] z) {
        for (int i = r0; i < r1; i++) {
            int xo = i * in;
            for (int k = 0; k < in; k++) {
                xt[k * rows + i] = x[xo + k];
            }
        }
        for (int j = 0; j < out; j++) {
            int zo = j * rows;
            java.util.Arrays.fill(zt, zo + r0, zo + r1, b[j]);
            for (int k = 0; k < in; k++) {
                float a = w[k * out + j];
                int xo = k * rows;
                for (int i = r0; i < r1; i++) {
                    zt[zo + i] += a * xt[xo + i];
                }
            }
        }
        for (int i = r0; i < r1; i++) {
            for (int j = 0; j < out; j++) {
                z[i * out + j] = zt[j * rows + i];
            }
        }
    }

    /** Narrow weight gradient for features [k0, k1): gwᵀ[j, k] = Σ_i d[i, j] · a[i, k], inner loop over features. */
    static void gradientNarrow(float[] a, float[] d, int rows, int in, int out, float[] gwt, float[] gw, int k0, int k1) {
        for (int j = 0; j < out; j++) {
            int go = j * in;
            java.util.Arrays.fill(gwt, go + k0, go + k1, 0f);
            for (int i = 0; i < rows; i++) {
                float v = d[i * out + j];
                if (v == 0f) {
                    continue;
                }
                int ao = i * in;
                for (int k = k0; k < k1; k++) {
                    gwt[go + k] += v * a[ao + k];
                }
            }
        }
        for (int k = k0; k < k1; k++) {
            for (int j = 0; j < out; j++) {
                gw[k * out + j] = gwt[j * in + k];
            }
        }
    }

    static void gradientRows(float[] a, float[] d, int rows, int in, int out, float[] gw, int k0, int k1) {
        java.util.Arrays.fill(gw, k0 * out, k1 * out, 0f);
        for (int i = 0; i < rows; i++) {
            int ao = i * in;
            int dof = i * out;
            for (int k = k0; k < k1; k++) {
                float v = a[ao + k];
                if (v == 0f) {
                    continue;
                }
                int go = k * out;
                for (int j = 0; j < out; j++) {
                    gw[go + j] += v * d[dof + j];
                }
            }
        }
    }

    static void backwardRows(float[] d, float[] wt, int r0, int r1, int in, int out, float[] da) {
        java.util.Arrays.fill(da, r0 * in, r1 * in, 0f);
        for (int i = r0; i < r1; i++) {
            int ao = i * in;
            int dof = i * out;
            for (int j = 0; j < out; j++) {
                float v = d[dof + j];
                if (v == 0f) {
                    continue;
                }
                int wo = j * in;
                for (int k = 0; k < in; k++) {
                    da[ao + k] += v * wt[wo + k];
                }
            }
        }
    }

    private float[] scratchA(int size) {
        if (scratchA.length < size) {
            scratchA = new float[size];
        }
        return scratchA;
    }

    private float[] scratchB(int size) {
        if (scratchB.length < size) {
            scratchB = new float[size];
        }
        return scratchB;
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    private void parallel(int n, long work, Range body) {
        if (pool == null || work < PARALLEL_THRESHOLD || n < 2) {
            body.run(0, n);
            return;
        }
        int parts = Math.min(threads, n);
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            futures[p - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / parts));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("kernel thread failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
