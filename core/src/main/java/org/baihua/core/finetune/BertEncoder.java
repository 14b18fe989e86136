package org.baihua.core.finetune;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.training.nn.MatrixOps;

/**
 * A BERT-style encoder on the engine's kernels: embeddings, LayerNorm, multi-head self-attention
 * with the padding mask, exact-GELU feed-forward layers with residuals, then mean or CLS pooling
 * and L2 normalisation, as the served encoder computes the sentence vector. Forward and backward.
 *
 * <p>Hidden states are rows of {@code batch size × padded length} tokens; every dense layer is one
 * {@link MatrixOps} call over all of them. Attention runs per text and head on small loops: at 64
 * tokens it is about 3 % of the arithmetic. {@link #backward} sets (does not add to) the gradients
 * of the tensors the pass reached. After the weights change, call {@link #weightsChanged()}: the
 * backward kernels use transposed copies of the weight matrices. One caller thread at a time.
 */
public final class BertEncoder {

    private final BertWeights weights;
    private final BertConfig config;
    private final MatrixOps ops;
    private final Map<Tensor, float[][]> transposed = new IdentityHashMap<>();

    /** @param ops the kernels (their thread count is the encoder's) */
    public BertEncoder(BertWeights weights, MatrixOps ops) {
        this.weights = Objects.requireNonNull(weights, "weights is null");
        this.config = weights.config();
        this.ops = Objects.requireNonNull(ops, "ops is null");
        weightsChanged();
    }

    /** The weights, updated in place by training. */
    public BertWeights weights() {
        return weights;
    }

    /** Refreshes the transposed weight copies the backward pass uses; call after each update. */
    public void weightsChanged() {
        for (BertWeights.Layer layer : weights.layers()) {
            for (Tensor t : List.of(layer.query(), layer.key(), layer.value(), layer.attentionOut(),
                    layer.intermediate(), layer.output())) {
                float[][] w = t.data();
                float[][] wt = transposed.computeIfAbsent(t, k -> new float[w[0].length][w.length]);
                MatrixOps.transpose(w, wt);
            }
        }
    }

    /** Refreshes the transposed copies of layers {@code first} and above only (the others are frozen). */
    public void weightsChanged(int first) {
        for (int l = first; l < weights.layers().size(); l++) {
            BertWeights.Layer layer = weights.layers().get(l);
            for (Tensor t : List.of(layer.query(), layer.key(), layer.value(), layer.attentionOut(),
                    layer.intermediate(), layer.output())) {
                MatrixOps.transpose(t.data(), transposed.get(t));
            }
        }
    }

    /** The L2-normalised sentence vectors of a batch, one per text. */
    public float[][] embed(TokenBatch batch) {
        return forward(batch).pooled();
    }

    /** Runs every layer, keeping the activations for {@link #backward}. */
    public Pass forward(TokenBatch batch) {
        return forward(batch, 0, null, config.layers());
    }

    /**
     * Runs layers {@code [first, last)}.
     *
     * @param first the first layer to run; when &gt; 0, {@code input} holds its input rows
     *              (batch size × padded length, as {@link Pass#output()} of the layers below)
     * @param input the hidden states entering layer {@code first}, or null when {@code first} is 0
     * @param last one past the last layer to run; the sentence vectors are pooled only when it is the top
     */
    public Pass forward(TokenBatch batch, int first, float[][] input, int last) {
        Objects.requireNonNull(batch, "batch is null");
        if (first < 0 || last > config.layers() || first > last) {
            throw new IllegalArgumentException("layers [" + first + ", " + last + ") are outside 0.." + config.layers());
        }
        if (batch.length() > config.maxPositions()) {
            throw new IllegalArgumentException("batch length " + batch.length() + " exceeds the " + config.maxPositions()
                    + " positions of the encoder");
        }
        Pass pass = new Pass(batch, first, last);
        float[][] x;
        if (first == 0) {
            x = embeddings(pass);
        } else {
            if (input == null || input.length != pass.rows) {
                throw new IllegalArgumentException("layer " + first + " needs " + pass.rows + " input rows");
            }
            x = input;
        }
        for (int l = first; l < last; l++) {
            LayerPass lp = layerForward(weights.layers().get(l), x, pass);
            pass.layers[l - first] = lp;
            x = lp.norm2.out;
        }
        pass.output = x;
        if (last == config.layers()) {
            pool(pass);
        }
        return pass;
    }

    /**
     * Back-propagates d(loss)/d(sentence vectors) through the pass, setting the gradients of the
     * layers it ran, and of the embeddings when the pass started at the bottom and
     * {@code embeddings} is true.
     *
     * @return d(loss)/d(input of the pass's first layer)
     */
    public float[][] backward(Pass pass, float[][] dPooled, boolean embeddings) {
        return backward(pass, dPooled, embeddings, true);
    }

    /**
     * As {@link #backward(Pass, float[][], boolean)}; without {@code inputGradient} (and embeddings)
     * the gradient with respect to the first layer's input is not computed (a top-layers run has no
     * use for it) and null is returned.
     */
    public float[][] backward(Pass pass, float[][] dPooled, boolean embeddings, boolean inputGradient) {
        if (pass.pooled == null) {
            throw new IllegalStateException("the pass did not reach the top layer");
        }
        boolean needInput = inputGradient || (pass.first == 0 && embeddings);
        float[][] d = poolBackward(pass, dPooled);
        for (int l = pass.last - 1; l >= pass.first; l--) {
            d = layerBackward(weights.layers().get(l), pass.layers[l - pass.first], d, pass.rows,
                    l > pass.first || needInput);
        }
        if (!needInput) {
            return null;
        }
        if (pass.first == 0 && embeddings) {
            embeddingsBackward(pass, d);
        }
        return d;
    }

    // ---- embeddings ----

    private float[][] embeddings(Pass pass) {
        int h = config.hidden();
        TokenBatch batch = pass.batch;
        float[][] sum = new float[pass.rows][h];
        float[][] words = weights.words().data();
        float[][] positions = weights.positions().data();
        float[][] types = weights.types().data();
        for (int b = 0; b < batch.size(); b++) {
            for (int i = 0; i < pass.length; i++) {
                int id = batch.ids()[b][i];
                int type = batch.types()[b][i];
                if (id < 0 || id >= words.length || type < 0 || type >= types.length) {
                    throw new IllegalArgumentException("text " + b + ", token " + i + ": id " + id + " or type " + type
                            + " is outside the vocabulary");
                }
                float[] row = sum[b * pass.length + i];
                float[] w = words[id];
                float[] p = positions[i];
                float[] t = types[type];
                for (int j = 0; j < h; j++) {
                    row[j] = w[j] + p[j] + t[j];
                }
            }
        }
        pass.embeddingNorm = normForward(sum, pass.rows, weights.embeddingNormGain().vector(),
                weights.embeddingNormBias().vector());
        return pass.embeddingNorm.out;
    }

    private void embeddingsBackward(Pass pass, float[][] d) {
        float[][] dSum = normBackward(pass.embeddingNorm, d, pass.rows, weights.embeddingNormGain(),
                weights.embeddingNormBias());
        weights.words().zeroGrad();
        weights.positions().zeroGrad();
        weights.types().zeroGrad();
        float[][] gw = weights.words().grad();
        float[][] gp = weights.positions().grad();
        float[][] gt = weights.types().grad();
        TokenBatch batch = pass.batch;
        int h = config.hidden();
        for (int b = 0; b < batch.size(); b++) {
            for (int i = 0; i < pass.length; i++) {
                float[] g = dSum[b * pass.length + i];
                float[] w = gw[batch.ids()[b][i]];
                float[] p = gp[i];
                float[] t = gt[batch.types()[b][i]];
                for (int j = 0; j < h; j++) {
                    w[j] += g[j];
                    p[j] += g[j];
                    t[j] += g[j];
                }
            }
        }
    }

    // ---- one transformer layer ----

    private LayerPass layerForward(BertWeights.Layer w, float[][] x, Pass pass) {
        int rows = pass.rows;
        int h = config.hidden();
        LayerPass lp = new LayerPass();
        lp.input = x;
        lp.q = new float[rows][h];
        lp.k = new float[rows][h];
        lp.v = new float[rows][h];
        ops.affine(x, rows, w.query().data(), w.queryBias().vector(), lp.q);
        ops.affine(x, rows, w.key().data(), w.keyBias().vector(), lp.k);
        ops.affine(x, rows, w.value().data(), w.valueBias().vector(), lp.v);
        lp.context = new float[rows][h];
        lp.probabilities = new float[pass.batch.size() * config.heads()][][];
        attentionForward(lp, pass);
        float[][] attended = new float[rows][h];
        ops.affine(lp.context, rows, w.attentionOut().data(), w.attentionOutBias().vector(), attended);
        addInPlace(attended, x, rows);
        lp.norm1 = normForward(attended, rows, w.attentionNormGain().vector(), w.attentionNormBias().vector());
        int inter = config.intermediate();
        lp.pre = new float[rows][inter];
        ops.affine(lp.norm1.out, rows, w.intermediate().data(), w.intermediateBias().vector(), lp.pre);
        lp.act = new float[rows][inter];
        for (int r = 0; r < rows; r++) {
            float[] z = lp.pre[r];
            float[] a = lp.act[r];
            for (int j = 0; j < inter; j++) {
                a[j] = Gelu.apply(z[j]);
            }
        }
        float[][] out = new float[rows][h];
        ops.affine(lp.act, rows, w.output().data(), w.outputBias().vector(), out);
        addInPlace(out, lp.norm1.out, rows);
        lp.norm2 = normForward(out, rows, w.outputNormGain().vector(), w.outputNormBias().vector());
        return lp;
    }

    private float[][] layerBackward(BertWeights.Layer w, LayerPass lp, float[][] dOut, int rows, boolean input) {
        int h = config.hidden();
        int inter = config.intermediate();
        float[][] dSum2 = normBackward(lp.norm2, dOut, rows, w.outputNormGain(), w.outputNormBias());
        ops.gradient(lp.act, dSum2, rows, w.output().grad(), w.outputBias().vectorGrad());
        float[][] dAct = new float[rows][inter];
        ops.backward(dSum2, transposed.get(w.output()), rows, dAct);
        for (int r = 0; r < rows; r++) {
            float[] z = lp.pre[r];
            float[] y = lp.act[r];
            float[] g = dAct[r];
            for (int j = 0; j < inter; j++) {
                g[j] *= Gelu.derivative(z[j], y[j]);
            }
        }
        ops.gradient(lp.norm1.out, dAct, rows, w.intermediate().grad(), w.intermediateBias().vectorGrad());
        float[][] dNorm1 = new float[rows][h];
        ops.backward(dAct, transposed.get(w.intermediate()), rows, dNorm1);
        addInPlace(dNorm1, dSum2, rows);
        float[][] dSum1 = normBackward(lp.norm1, dNorm1, rows, w.attentionNormGain(), w.attentionNormBias());
        ops.gradient(lp.context, dSum1, rows, w.attentionOut().grad(), w.attentionOutBias().vectorGrad());
        float[][] dContext = new float[rows][h];
        ops.backward(dSum1, transposed.get(w.attentionOut()), rows, dContext);
        float[][] dq = new float[rows][h];
        float[][] dk = new float[rows][h];
        float[][] dv = new float[rows][h];
        attentionBackward(lp, dContext, dq, dk, dv);
        ops.gradient(lp.input, dq, rows, w.query().grad(), w.queryBias().vectorGrad());
        ops.gradient(lp.input, dk, rows, w.key().grad(), w.keyBias().vectorGrad());
        ops.gradient(lp.input, dv, rows, w.value().grad(), w.valueBias().vectorGrad());
        if (!input) {
            return null;
        }
        // dx = dSum1 (residual) + dq·Wqᵀ + dk·Wkᵀ + dv·Wvᵀ; dContext is free again and serves as scratch
        float[][] dx = dSum1;
        ops.backward(dq, transposed.get(w.query()), rows, dContext);
        addInPlace(dx, dContext, rows);
        ops.backward(dk, transposed.get(w.key()), rows, dContext);
        addInPlace(dx, dContext, rows);
        ops.backward(dv, transposed.get(w.value()), rows, dContext);
        addInPlace(dx, dContext, rows);
        return dx;
    }

    // ---- attention ----

    private void attentionForward(LayerPass lp, Pass pass) {
        int heads = config.heads();
        int size = config.headSize();
        int length = pass.length;
        float scale = (float) (1 / Math.sqrt(size));
        float[][] kt = new float[size][length];
        for (int b = 0; b < pass.batch.size(); b++) {
            int[] mask = pass.batch.mask()[b];
            int base = b * length;
            for (int head = 0; head < heads; head++) {
                int off = head * size;
                for (int j = 0; j < length; j++) {
                    float[] kr = lp.k[base + j];
                    for (int d = 0; d < size; d++) {
                        kt[d][j] = kr[off + d];
                    }
                }
                float[][] p = new float[length][length];
                lp.probabilities[b * heads + head] = p;
                for (int i = 0; i < length; i++) {
                    float[] s = p[i];
                    float[] qr = lp.q[base + i];
                    for (int d = 0; d < size; d++) {
                        float a = qr[off + d] * scale;
                        float[] kd = kt[d];
                        for (int j = 0; j < length; j++) {
                            s[j] += a * kd[j];
                        }
                    }
                    softmaxMasked(s, mask);
                    float[] cr = lp.context[base + i];
                    for (int j = 0; j < length; j++) {
                        float pij = s[j];
                        if (pij == 0f) {
                            continue;
                        }
                        float[] vr = lp.v[base + j];
                        for (int d = 0; d < size; d++) {
                            cr[off + d] += pij * vr[off + d];
                        }
                    }
                }
            }
        }
    }

    /** Softmax over the unmasked positions; masked ones get probability 0 (as with an additive -inf). */
    private static void softmaxMasked(float[] s, int[] mask) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < s.length; j++) {
            if (mask[j] != 0 && s[j] > max) {
                max = s[j];
            }
        }
        double sum = 0;
        for (int j = 0; j < s.length; j++) {
            if (mask[j] != 0) {
                double e = Math.exp(s[j] - max);
                s[j] = (float) e;
                sum += e;
            } else {
                s[j] = 0f;
            }
        }
        float inv = (float) (1 / sum);
        for (int j = 0; j < s.length; j++) {
            s[j] *= inv;
        }
    }

    private void attentionBackward(LayerPass lp, float[][] dContext, float[][] dq, float[][] dk, float[][] dv) {
        int heads = config.heads();
        int size = config.headSize();
        int length = lp.probabilities[0].length;
        int texts = lp.probabilities.length / heads;
        float scale = (float) (1 / Math.sqrt(size));
        float[][] vt = new float[size][length];
        float[] dp = new float[length];
        for (int b = 0; b < texts; b++) {
            int base = b * length;
            for (int head = 0; head < heads; head++) {
                int off = head * size;
                float[][] p = lp.probabilities[b * heads + head];
                for (int j = 0; j < length; j++) {
                    float[] vr = lp.v[base + j];
                    for (int d = 0; d < size; d++) {
                        vt[d][j] = vr[off + d];
                    }
                }
                for (int i = 0; i < length; i++) {
                    float[] pi = p[i];
                    float[] dc = dContext[base + i];
                    Arrays.fill(dp, 0f);
                    for (int d = 0; d < size; d++) {
                        float a = dc[off + d];
                        float[] vd = vt[d];
                        for (int j = 0; j < length; j++) {
                            dp[j] += a * vd[j];
                        }
                    }
                    double dot = 0;
                    for (int j = 0; j < length; j++) {
                        dot += pi[j] * dp[j];
                    }
                    float[] dqr = dq[base + i];
                    float[] qr = lp.q[base + i];
                    for (int j = 0; j < length; j++) {
                        float pij = pi[j];
                        if (pij == 0f) {
                            continue;
                        }
                        float ds = (float) (pij * (dp[j] - dot)) * scale;
                        float[] kr = lp.k[base + j];
                        float[] dkr = dk[base + j];
                        float[] dvr = dv[base + j];
                        for (int d = 0; d < size; d++) {
                            dqr[off + d] += ds * kr[off + d];
                            dkr[off + d] += ds * qr[off + d];
                            dvr[off + d] += pij * dc[off + d];
                        }
                    }
                }
            }
        }
    }

    // ---- LayerNorm ----

    private Norm normForward(float[][] x, int rows, float[] gain, float[] bias) {
        int h = gain.length;
        float eps = config.layerNormEpsilon();
        Norm n = new Norm();
        n.xhat = x; // normalised in place: the sum before the norm is not needed again
        n.invStd = new float[rows];
        n.out = new float[rows][h];
        for (int r = 0; r < rows; r++) {
            float[] xr = x[r];
            double mean = 0;
            for (int j = 0; j < h; j++) {
                mean += xr[j];
            }
            mean /= h;
            double var = 0;
            for (int j = 0; j < h; j++) {
                double c = xr[j] - mean;
                var += c * c;
            }
            var /= h;
            float inv = (float) (1 / Math.sqrt(var + eps));
            n.invStd[r] = inv;
            float m = (float) mean;
            float[] o = n.out[r];
            for (int j = 0; j < h; j++) {
                float xh = (xr[j] - m) * inv;
                xr[j] = xh;
                o[j] = xh * gain[j] + bias[j];
            }
        }
        return n;
    }

    private static float[][] normBackward(Norm n, float[][] dy, int rows, Tensor gain, Tensor bias) {
        float[] g = gain.vector();
        float[] dg = gain.vectorGrad();
        float[] db = bias.vectorGrad();
        Arrays.fill(dg, 0f);
        Arrays.fill(db, 0f);
        int h = g.length;
        float[][] dx = new float[rows][h];
        float[] dxhat = new float[h];
        for (int r = 0; r < rows; r++) {
            float[] dyr = dy[r];
            float[] xh = n.xhat[r];
            double meanD = 0;
            double meanDx = 0;
            for (int j = 0; j < h; j++) {
                float v = dyr[j] * g[j];
                dxhat[j] = v;
                meanD += v;
                meanDx += v * xh[j];
                dg[j] += dyr[j] * xh[j];
                db[j] += dyr[j];
            }
            float md = (float) (meanD / h);
            float mdx = (float) (meanDx / h);
            float inv = n.invStd[r];
            float[] o = dx[r];
            for (int j = 0; j < h; j++) {
                o[j] = inv * (dxhat[j] - md - xh[j] * mdx);
            }
        }
        return dx;
    }

    // ---- pooling + L2 ----

    private void pool(Pass pass) {
        int h = config.hidden();
        int texts = pass.batch.size();
        pass.pooled = new float[texts][h];
        pass.norms = new double[texts];
        pass.counts = new int[texts];
        for (int b = 0; b < texts; b++) {
            double[] sum = new double[h];
            int[] mask = pass.batch.mask()[b];
            int counted = 0;
            if (config.pooling() == Pooling.CLS) {
                float[] row = pass.output[b * pass.length];
                for (int j = 0; j < h; j++) {
                    sum[j] = row[j];
                }
                counted = 1;
            } else {
                for (int i = 0; i < pass.length; i++) {
                    if (mask[i] == 0) {
                        continue;
                    }
                    counted++;
                    float[] row = pass.output[b * pass.length + i];
                    for (int j = 0; j < h; j++) {
                        sum[j] += row[j];
                    }
                }
                for (int j = 0; j < h; j++) {
                    sum[j] /= counted;
                }
            }
            double squares = 0;
            for (double v : sum) {
                squares += v * v;
            }
            double norm = Math.max(Math.sqrt(squares), 1e-12);
            for (int j = 0; j < h; j++) {
                pass.pooled[b][j] = (float) (sum[j] / norm);
            }
            pass.norms[b] = norm;
            pass.counts[b] = counted;
        }
    }

    private float[][] poolBackward(Pass pass, float[][] dPooled) {
        int h = config.hidden();
        int texts = pass.batch.size();
        if (dPooled.length != texts) {
            throw new IllegalArgumentException("one gradient row per text is needed, got " + dPooled.length);
        }
        float[][] d = new float[pass.rows][h];
        float[] dp = new float[h];
        for (int b = 0; b < texts; b++) {
            float[] y = pass.pooled[b];
            float[] g = dPooled[b];
            double dot = 0;
            for (int j = 0; j < h; j++) {
                dot += y[j] * g[j];
            }
            double inv = 1 / pass.norms[b];
            for (int j = 0; j < h; j++) {
                dp[j] = (float) ((g[j] - y[j] * dot) * inv);
            }
            if (config.pooling() == Pooling.CLS) {
                System.arraycopy(dp, 0, d[b * pass.length], 0, h);
            } else {
                float share = 1f / pass.counts[b];
                int[] mask = pass.batch.mask()[b];
                for (int i = 0; i < pass.length; i++) {
                    if (mask[i] != 0) {
                        float[] row = d[b * pass.length + i];
                        for (int j = 0; j < h; j++) {
                            row[j] = dp[j] * share;
                        }
                    }
                }
            }
        }
        return d;
    }

    private static void addInPlace(float[][] y, float[][] x, int rows) {
        for (int r = 0; r < rows; r++) {
            float[] yr = y[r];
            float[] xr = x[r];
            for (int j = 0; j < yr.length; j++) {
                yr[j] += xr[j];
            }
        }
    }

    /** The activations of one forward pass, kept for its backward pass; dropped with the pass. */
    public static final class Pass {
        private final TokenBatch batch;
        private final int first;
        private final int last;
        private final int length;
        private final int rows;
        private final LayerPass[] layers;
        private Norm embeddingNorm;
        private float[][] output;
        private float[][] pooled;
        private double[] norms;
        private int[] counts;

        private Pass(TokenBatch batch, int first, int last) {
            this.batch = batch;
            this.first = first;
            this.last = last;
            this.length = batch.length();
            this.rows = batch.size() * length;
            this.layers = new LayerPass[last - first];
        }

        /** The batch. */
        public TokenBatch batch() {
            return batch;
        }

        /** Hidden states after the last layer run, one row per (text, position). */
        public float[][] output() {
            return output;
        }

        /** The L2-normalised sentence vectors, or null when the pass stopped below the top. */
        public float[][] pooled() {
            return pooled;
        }
    }

    private static final class Norm {
        float[][] xhat;
        float[] invStd;
        float[][] out;
    }

    private static final class LayerPass {
        float[][] input;
        float[][] q;
        float[][] k;
        float[][] v;
        float[][][] probabilities;
        float[][] context;
        Norm norm1;
        float[][] pre;
        float[][] act;
        Norm norm2;
    }
}
