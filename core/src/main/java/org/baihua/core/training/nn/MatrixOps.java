package org.baihua.core.training.nn;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dense kernels of the engine, on matrices stored as arrays of rows, split over a fixed number
 * of threads.
 *
 * <p>Every inner loop is an AXPY {@code y[j] += a * x[j]} over two row arrays indexed alike: that is
 * the form C2's auto-vectoriser (SuperWord) turns into SIMD code on JDK 17. The same loop over one
 * flat array with two different offsets is not vectorised (the JIT cannot rule out overlap) and
 * runs about three times slower, hence the row layout. Narrow outputs (fewer than {@value #NARROW}
 * columns, like the 2-5 logits of a linear head) would make those loops a few elements long, so the
 * kernels then work on transposed operands and loop over the batch rows or the input features.
 *
 * <p>Each output element is computed by one thread in an order that does not depend on the thread
 * count, so results are bit-identical for 1 or n threads. Holds scratch buffers: one caller thread
 * at a time.
 */
public final class MatrixOps implements AutoCloseable {

    /** Outputs narrower than this use the transposed kernels. */
    static final int NARROW = 16;
    /** Below this many multiply-adds a call runs on the caller thread: a hand-off costs more. */
    private static final long PARALLEL_THRESHOLD = 16_384;

    private final int threads;
    private final ExecutorService pool;
    private float[][] scratchA = new float[0][];
    private float[][] scratchB = new float[0][];

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

    /** {@code z[i] = x[i] · w + b} for rows i &lt; {@code rows}; w is in &times; out (one row per input). */
    public void affine(float[][] x, int rows, float[][] w, float[] b, float[][] z) {
        int in = w.length;
        int out = b.length;
        long work = (long) rows * in * out;
        if (out >= NARROW) {
            parallel(rows, work, (r0, r1) -> affineRows(x, r0, r1, w, b, z));
        } else {
            float[][] xt = scratchA(in, rows);
            float[][] zt = scratchB(out, rows);
            parallel(rows, work, (r0, r1) -> affineNarrow(x, xt, zt, r0, r1, w, b, z));
        }
    }

    /** {@code gw = aᵀ · d} (in &times; out) and {@code gb} = column sums of d, over the first {@code rows} rows. */
    public void gradient(float[][] a, float[][] d, int rows, float[][] gw, float[] gb) {
        int in = gw.length;
        int out = gb.length;
        long work = (long) rows * in * out;
        if (out >= NARROW) {
            parallel(in, work, (k0, k1) -> gradientRows(a, d, rows, gw, k0, k1));
        } else {
            float[][] gwt = scratchA(out, in);
            parallel(in, work, (k0, k1) -> gradientNarrow(a, d, rows, gwt, gw, k0, k1));
        }
        Arrays.fill(gb, 0f);
        for (int i = 0; i < rows; i++) {
            float[] dr = d[i];
            for (int j = 0; j < out; j++) {
                gb[j] += dr[j];
            }
        }
    }

    /** {@code dx[i] = d[i] · wᵀ}, given {@code wt} (out &times; in), the transpose of w. */
    public void backward(float[][] d, float[][] wt, int rows, float[][] dx) {
        long work = (long) rows * wt.length * wt[0].length;
        parallel(rows, work, (r0, r1) -> backwardRows(d, wt, r0, r1, dx));
    }

    /** {@code wt} (out &times; in) = transpose of {@code w} (in &times; out). */
    public static void transpose(float[][] w, float[][] wt) {
        for (int k = 0; k < w.length; k++) {
            float[] row = w[k];
            for (int j = 0; j < row.length; j++) {
                wt[j][k] = row[j];
            }
        }
    }

    static void affineRows(float[][] x, int r0, int r1, float[][] w, float[] b, float[][] z) {
        int in = w.length;
        int out = b.length;
        int i = r0;
        // four rows at a time: each weight row is loaded once for four output rows
        for (; i + 3 < r1; i += 4) {
            float[] z0 = z[i];
            float[] z1 = z[i + 1];
            float[] z2 = z[i + 2];
            float[] z3 = z[i + 3];
            float[] x0 = x[i];
            float[] x1 = x[i + 1];
            float[] x2 = x[i + 2];
            float[] x3 = x[i + 3];
            System.arraycopy(b, 0, z0, 0, out);
            System.arraycopy(b, 0, z1, 0, out);
            System.arraycopy(b, 0, z2, 0, out);
            System.arraycopy(b, 0, z3, 0, out);
            for (int k = 0; k < in; k++) {
                float a0 = x0[k];
                float a1 = x1[k];
                float a2 = x2[k];
                float a3 = x3[k];
                float[] wr = w[k];
                for (int j = 0; j < out; j++) {
                    float v = wr[j];
                    z0[j] += a0 * v;
                    z1[j] += a1 * v;
                    z2[j] += a2 * v;
                    z3[j] += a3 * v;
                }
            }
        }
        for (; i < r1; i++) {
            float[] zr = z[i];
            float[] xr = x[i];
            System.arraycopy(b, 0, zr, 0, out);
            for (int k = 0; k < in; k++) {
                float a = xr[k];
                float[] wr = w[k];
                for (int j = 0; j < out; j++) {
                    zr[j] += a * wr[j];
                }
            }
        }
    }

    /** Narrow affine on rows [r0, r1): zᵀ[j][i] = b[j] + Σ_k w[k][j] · xᵀ[k][i], inner loop over rows. */
    static void affineNarrow(float[][] x, float[][] xt, float[][] zt, int r0, int r1, float[][] w, float[] b,
                             float[][] z) {
        int in = w.length;
        int out = b.length;
        // transpose in blocks of 16 rows (one cache line of xt per feature), measured fastest
        for (int i0 = r0; i0 < r1; i0 += 16) {
            int i1 = Math.min(r1, i0 + 16);
            for (int k = 0; k < in; k++) {
                float[] tr = xt[k];
                for (int i = i0; i < i1; i++) {
                    tr[i] = x[i][k];
                }
            }
        }
        for (int j = 0; j < out; j++) {
            float[] zr = zt[j];
            Arrays.fill(zr, r0, r1, b[j]);
            for (int k = 0; k < in; k++) {
                float a = w[k][j];
                float[] xr = xt[k];
                for (int i = r0; i < r1; i++) {
                    zr[i] += a * xr[i];
                }
            }
        }
        for (int i = r0; i < r1; i++) {
            float[] zr = z[i];
            for (int j = 0; j < out; j++) {
                zr[j] = zt[j][i];
            }
        }
    }

    /** Rows of a and d summed per tile of the weight gradient: the d tile (256 × 384 floats) stays in L2. */
    static final int GRADIENT_ROW_TILE = 256;
    /** Columns of a gradient tile: four 384-float gradient row segments stay in L1. */
    static final int GRADIENT_COLUMN_TILE = 384;

    static void gradientRows(float[][] a, float[][] d, int rows, float[][] gw, int k0, int k1) {
        int out = gw[0].length;
        for (int k = k0; k < k1; k++) {
            Arrays.fill(gw[k], 0f);
        }
        // tiles of rows × columns: without them a wide d (1536 columns) is streamed from memory once per
        // four gradient rows; each element still sums its rows in increasing order, whatever the tiling
        for (int i0 = 0; i0 < rows; i0 += GRADIENT_ROW_TILE) {
            int i1 = Math.min(rows, i0 + GRADIENT_ROW_TILE);
            for (int j0 = 0; j0 < out; j0 += GRADIENT_COLUMN_TILE) {
                int j1 = Math.min(out, j0 + GRADIENT_COLUMN_TILE);
                gradientTile(a, d, gw, k0, k1, i0, i1, j0, j1);
            }
        }
    }

    private static void gradientTile(float[][] a, float[][] d, float[][] gw, int k0, int k1, int i0, int i1, int j0,
                                     int j1) {
        int k = k0;
        // four gradient rows at a time: each d row segment is loaded once for four
        for (; k + 3 < k1; k += 4) {
            float[] g0 = gw[k];
            float[] g1 = gw[k + 1];
            float[] g2 = gw[k + 2];
            float[] g3 = gw[k + 3];
            for (int i = i0; i < i1; i++) {
                float[] ar = a[i];
                float v0 = ar[k];
                float v1 = ar[k + 1];
                float v2 = ar[k + 2];
                float v3 = ar[k + 3];
                float[] dr = d[i];
                for (int j = j0; j < j1; j++) {
                    float e = dr[j];
                    g0[j] += v0 * e;
                    g1[j] += v1 * e;
                    g2[j] += v2 * e;
                    g3[j] += v3 * e;
                }
            }
        }
        for (; k < k1; k++) {
            float[] gr = gw[k];
            for (int i = i0; i < i1; i++) {
                float v = a[i][k];
                float[] dr = d[i];
                for (int j = j0; j < j1; j++) {
                    gr[j] += v * dr[j];
                }
            }
        }
    }

    /** Narrow weight gradient for features [k0, k1): gwᵀ[j][k] = Σ_i d[i][j] · a[i][k], inner loop over features. */
    static void gradientNarrow(float[][] a, float[][] d, int rows, float[][] gwt, float[][] gw, int k0, int k1) {
        int out = gw[0].length; // the scratch gwt may be larger than needed
        for (int j = 0; j < out; j++) {
            float[] gr = gwt[j];
            Arrays.fill(gr, k0, k1, 0f);
            for (int i = 0; i < rows; i++) {
                float v = d[i][j];
                if (v == 0f) {
                    continue;
                }
                float[] ar = a[i];
                for (int k = k0; k < k1; k++) {
                    gr[k] += v * ar[k];
                }
            }
        }
        for (int k = k0; k < k1; k++) {
            float[] gr = gw[k];
            for (int j = 0; j < out; j++) {
                gr[j] = gwt[j][k];
            }
        }
    }

    static void backwardRows(float[][] d, float[][] wt, int r0, int r1, float[][] dx) {
        int out = wt.length;
        int i = r0;
        // four rows at a time, as affineRows: each row of wᵀ is loaded once for four output rows
        for (; i + 3 < r1; i += 4) {
            int in = dx[i].length;
            float[] x0 = dx[i];
            float[] x1 = dx[i + 1];
            float[] x2 = dx[i + 2];
            float[] x3 = dx[i + 3];
            float[] d0 = d[i];
            float[] d1 = d[i + 1];
            float[] d2 = d[i + 2];
            float[] d3 = d[i + 3];
            Arrays.fill(x0, 0, in, 0f);
            Arrays.fill(x1, 0, in, 0f);
            Arrays.fill(x2, 0, in, 0f);
            Arrays.fill(x3, 0, in, 0f);
            for (int j = 0; j < out; j++) {
                float a0 = d0[j];
                float a1 = d1[j];
                float a2 = d2[j];
                float a3 = d3[j];
                float[] wr = wt[j];
                for (int k = 0; k < in; k++) {
                    float v = wr[k];
                    x0[k] += a0 * v;
                    x1[k] += a1 * v;
                    x2[k] += a2 * v;
                    x3[k] += a3 * v;
                }
            }
        }
        for (; i < r1; i++) {
            float[] xr = dx[i];
            float[] dr = d[i];
            Arrays.fill(xr, 0f);
            for (int j = 0; j < out; j++) {
                float v = dr[j];
                float[] wr = wt[j];
                for (int k = 0; k < xr.length; k++) {
                    xr[k] += v * wr[k];
                }
            }
        }
    }

    private float[][] scratchA(int rows, int cols) {
        if (scratchA.length < rows || scratchA.length == 0 || scratchA[0].length < cols) {
            scratchA = new float[Math.max(rows, scratchA.length)][Math.max(cols, scratchA.length == 0 ? 0 : scratchA[0].length)];
        }
        return scratchA;
    }

    private float[][] scratchB(int rows, int cols) {
        if (scratchB.length < rows || scratchB.length == 0 || scratchB[0].length < cols) {
            scratchB = new float[Math.max(rows, scratchB.length)][Math.max(cols, scratchB.length == 0 ? 0 : scratchB[0].length)];
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
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            futures[p - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, n / parts);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
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
