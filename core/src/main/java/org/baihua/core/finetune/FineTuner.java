package org.baihua.core.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.TrainingCancelledException;
import org.baihua.core.training.nn.Loss;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.core.training.nn.SigmoidBinaryCrossEntropy;
import org.baihua.core.training.nn.SoftmaxCrossEntropy;

/**
 * Trains an encoder's top layers together with a linear head on the task's loss.
 *
 * <p>AdamW with the head at its own (higher) learning rate and the encoder at a rate decaying by
 * {@link FineTuneOptions#layerDecay()} per layer downwards; linear warm-up then linear decay to 0;
 * global gradient-norm clipping; length-bucketed batches of a bounded number of padded tokens;
 * early stopping on the validation metric (accuracy; per-label accuracy when multilabel), keeping
 * the best epoch's weights. With {@code trainableLayers = N} below the layer count, the layers
 * under the top N run once per text before training and their outputs are cached, so each step
 * runs and back-propagates only the top N. The same seed and data give the same weights, whatever
 * the kernels' thread count. Activations live for one step.
 *
 * <p>With {@link FineTuneOptions#contrastive()} set (mode {@value ContrastiveOptions#MODE}, for
 * few-shot data), the top layers are first adapted on pairs of texts and then the head alone is
 * trained on the adapted encoder; see {@link ContrastiveOptions}.
 */
public final class FineTuner {

    private final MatrixOps ops;

    /** @param ops the kernels (their thread count is the run's) */
    public FineTuner(MatrixOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops is null");
    }

    /**
     * Fine-tunes a copy of {@code base}.
     *
     * @param output softmax (one label per text) or sigmoid (multilabel)
     * @throws TrainingCancelledException if {@code cancel} is cancelled; nothing is kept then
     */
    public FineTuneResult train(BertWeights base, Examples train, Examples validation, OutputKind output,
                                FineTuneOptions options, FineTuneProgress.Listener listener, CancellationToken cancel) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("fine-tuning needs training and validation texts, got " + train.size()
                    + " and " + validation.size());
        }
        if (options.contrastive() != null) {
            return trainContrastive(base, train, validation, output, options, listener, cancel);
        }
        int classes = train.targets()[0].length;
        long started = System.nanoTime();
        BertConfig config = base.config();
        int layers = config.layers();
        int trainable = Math.min(options.trainableLayers(), layers);
        int first = layers - trainable;
        boolean embeddings = trainable == layers;
        BertWeights weights = base.copy();
        BertEncoder encoder = new BertEncoder(weights, ops);
        Random random = new Random(options.seed());
        LinearHead head = new LinearHead(config.hidden(), classes, layers + 1, random);

        float[][][] trainCache = first > 0 ? cache(encoder, train, first, options, cancel) : null;
        float[][][] validationCache = first > 0 ? cache(encoder, validation, first, options, cancel) : null;
        long cacheMillis = (System.nanoTime() - started) / 1_000_000;

        List<Tensor> tensors = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        if (embeddings) {
            for (Tensor t : weights.embeddingTensors()) {
                tensors.add(t);
                rates.add(options.encoderLearningRate() * Math.pow(options.layerDecay(), layers));
            }
        }
        for (int l = first; l < layers; l++) {
            for (Tensor t : weights.layers().get(l).tensors()) {
                tensors.add(t);
                rates.add(options.encoderLearningRate() * Math.pow(options.layerDecay(), layers - 1 - l));
            }
        }
        for (Tensor t : head.tensors()) {
            tensors.add(t);
            rates.add(options.headLearningRate());
        }
        GroupedAdamW optimizer = new GroupedAdamW(tensors, rates.stream().mapToDouble(Double::doubleValue).toArray(),
                options.weightDecay(), options.clipNorm());
        Loss loss = lossFor(output, classes);

        int[] lengths = train.lengths();
        long stepsPerEpoch = LengthBuckets.plan(lengths, options.tokensPerBatch(), options.maxBatchSize(),
                new Random(options.seed())).size();
        long totalSteps = stepsPerEpoch * options.maxEpochs();
        long warmup = Math.round(totalSteps * options.warmupFraction());

        List<FineTuneResult.Epoch> history = new ArrayList<>();
        BertWeights best = null;
        LinearHead bestHead = new LinearHead(config.hidden(), classes, layers + 1, new Random(0));
        double bestMetric = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        long step = 0;
        long tokens = 0;
        long trainStarted = System.nanoTime();
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            double lossSum = 0;
            int batchesDone = 0;
            for (int[] indices : LengthBuckets.plan(lengths, options.tokensPerBatch(), options.maxBatchSize(), random)) {
                if (cancel.isCancelled()) {
                    throw new TrainingCancelledException(epoch, step);
                }
                TokenBatch batch = batch(train, indices);
                BertEncoder.Pass pass = encoder.forward(batch, first, first > 0 ? input(trainCache, indices, batch) : null,
                        layers);
                float[][] pooled = pass.pooled();
                float[][] logits = head.forward(ops, pooled);
                float[][] targets = new float[indices.length][];
                for (int i = 0; i < indices.length; i++) {
                    targets[i] = train.targets()[indices[i]];
                }
                float[][] dLogits = new float[indices.length][classes];
                lossSum += loss.lossAndGradient(logits, targets, indices.length, dLogits);
                float[][] dPooled = head.backward(ops, pooled, dLogits);
                if (trainable > 0) {
                    encoder.backward(pass, dPooled, embeddings, false);
                }
                optimizer.step(scheduled(step, warmup, totalSteps));
                encoder.weightsChanged(first);
                head.weightsChanged();
                step++;
                batchesDone++;
                tokens += batch.tokens();
                long elapsed = System.nanoTime() - started;
                double seconds = (System.nanoTime() - trainStarted) / 1e9;
                long eta = (long) (seconds * 1000 / step * Math.max(0, totalSteps - step));
                listener.onStep(new FineTuneProgress(epoch, step, totalSteps, tokens, tokens / Math.max(seconds, 1e-9),
                        lossSum / batchesDone, elapsed / 1_000_000, eta));
            }
            double metric = evaluate(encoder, head, validation, validationCache, first, output, options);
            history.add(new FineTuneResult.Epoch(epoch, lossSum / Math.max(1, batchesDone), metric));
            if (metric > bestMetric) {
                bestMetric = metric;
                bestEpoch = epoch;
                best = weights.copy();
                bestHead.copyFrom(head);
            } else if (epoch - bestEpoch >= options.patience()) {
                break;
            }
        }
        long trainMillis = (System.nanoTime() - trainStarted) / 1_000_000;
        return new FineTuneResult(best, bestHead, history, bestEpoch, step, tokens, trainable, cacheMillis, trainMillis);
    }

    /**
     * Mode {@value ContrastiveOptions#MODE}: adapts the top layers of a copy of {@code base} on pairs
     * of training texts (same labels → cosine 1, other labels → cosine 0, squared error), then trains
     * the head alone on the adapted encoder with early stopping on the validation metric.
     */
    private FineTuneResult trainContrastive(BertWeights base, Examples train, Examples validation, OutputKind output,
                                            FineTuneOptions options, FineTuneProgress.Listener listener,
                                            CancellationToken cancel) {
        ContrastiveOptions c = options.contrastive();
        long started = System.nanoTime();
        BertConfig config = base.config();
        int layers = config.layers();
        int trainable = Math.min(options.trainableLayers(), layers);
        int first = layers - trainable;
        boolean embeddings = trainable == layers;
        BertWeights weights = base.copy();
        BertEncoder encoder = new BertEncoder(weights, ops);
        Random random = new Random(options.seed());
        float[][][] trainCache = first > 0 ? cache(encoder, train, first, options, cancel) : null;
        long cacheMillis = (System.nanoTime() - started) / 1_000_000;

        List<Tensor> tensors = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        if (embeddings) {
            for (Tensor t : weights.embeddingTensors()) {
                tensors.add(t);
                rates.add(c.learningRate() * Math.pow(options.layerDecay(), layers));
            }
        }
        for (int l = first; l < layers; l++) {
            for (Tensor t : weights.layers().get(l).tensors()) {
                tensors.add(t);
                rates.add(c.learningRate() * Math.pow(options.layerDecay(), layers - 1 - l));
            }
        }
        GroupedAdamW optimizer = new GroupedAdamW(tensors, rates.stream().mapToDouble(Double::doubleValue).toArray(),
                options.weightDecay(), options.clipNorm());

        List<int[]> batches = pairBatches(ContrastivePairs.draw(train.targets(), c.iterations(), random), train.lengths(),
                c.pairsPerBatch(), options.tokensPerBatch());
        long headSteps = (long) LengthBuckets.plan(train.lengths(), options.tokensPerBatch(), options.maxBatchSize(), null)
                .size() * c.headEpochs();
        long totalSteps = batches.size() + headSteps;
        long warmup = Math.round(batches.size() * options.warmupFraction());
        long step = 0;
        long tokens = 0;
        double lossSum = 0;
        long trainStarted = System.nanoTime();
        for (int[] pairs : batches) {
            if (cancel.isCancelled()) {
                throw new TrainingCancelledException(1, step);
            }
            // pairs holds (a, b, same) triples; the batch is the a texts then the b texts
            int n = pairs.length / 3;
            int[] indices = new int[2 * n];
            for (int p = 0; p < n; p++) {
                indices[p] = pairs[3 * p];
                indices[n + p] = pairs[3 * p + 1];
            }
            TokenBatch batch = batch(train, indices);
            BertEncoder.Pass pass = encoder.forward(batch, first, first > 0 ? input(trainCache, indices, batch) : null,
                    layers);
            float[][] v = pass.pooled();
            float[][] dPooled = new float[2 * n][config.hidden()];
            double loss = 0;
            for (int p = 0; p < n; p++) {
                float[] a = v[p];
                float[] b = v[n + p];
                double cosine = 0;
                for (int j = 0; j < a.length; j++) {
                    cosine += a[j] * b[j];
                }
                double error = cosine - pairs[3 * p + 2];
                loss += error * error;
                float g = (float) (2 * error / n);
                for (int j = 0; j < a.length; j++) {
                    dPooled[p][j] = g * b[j];
                    dPooled[n + p][j] = g * a[j];
                }
            }
            lossSum += loss / n;
            encoder.backward(pass, dPooled, embeddings, false);
            optimizer.step(scheduled(step, warmup, batches.size()));
            encoder.weightsChanged(first);
            step++;
            tokens += batch.tokens();
            double seconds = (System.nanoTime() - trainStarted) / 1e9;
            long eta = (long) (seconds * 1000 / step * Math.max(0, batches.size() - step));
            listener.onStep(new FineTuneProgress(1, step, totalSteps, tokens, tokens / Math.max(seconds, 1e-9),
                    lossSum / step, (System.nanoTime() - started) / 1_000_000, eta));
        }
        long contrastiveMillis = (System.nanoTime() - trainStarted) / 1_000_000;
        long pairSteps = step;
        long pairTokens = tokens;
        long offsetMillis = (System.nanoTime() - started) / 1_000_000;
        FineTuneProgress.Listener shifted = p -> listener.onStep(new FineTuneProgress(p.epoch(), pairSteps + p.step(),
                pairSteps + p.totalSteps(), pairTokens + p.tokens(), p.tokensPerSecond(), p.loss(),
                offsetMillis + p.elapsedMillis(), p.etaMillis()));
        FineTuneOptions headOnly = options.withContrastive(null).withTrainableLayers(0)
                .withEpochs(c.headEpochs(), options.patience());
        FineTuneResult head = train(weights, train, validation, output, headOnly, shifted, cancel);
        return new FineTuneResult(weights, head.head(), head.epochs(), head.bestEpoch(), pairSteps + head.steps(),
                pairTokens + head.tokens(), trainable, cacheMillis + head.cacheMillis(),
                contrastiveMillis + head.trainMillis());
    }

    /**
     * Packs (a, b, same) triples into batches of at most {@code pairsPerBatch} pairs whose 2 × pairs ×
     * longest text stays within {@code tokensPerBatch} (a pair alone may exceed it).
     */
    static List<int[]> pairBatches(int[] triples, int[] lengths, int pairsPerBatch, int tokensPerBatch) {
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        int count = 0;
        int longest = 0;
        for (int p = 0; p < triples.length / 3; p++) {
            int l = Math.max(lengths[triples[3 * p]], lengths[triples[3 * p + 1]]);
            int widest = Math.max(longest, l);
            if (count > 0 && (count == pairsPerBatch || 2L * (count + 1) * widest > tokensPerBatch)) {
                batches.add(java.util.Arrays.copyOfRange(triples, 3 * start, 3 * p));
                start = p;
                count = 0;
                widest = l;
            }
            count++;
            longest = widest;
        }
        if (count > 0) {
            batches.add(java.util.Arrays.copyOfRange(triples, 3 * start, triples.length));
        }
        return batches;
    }

    /** The sentence vectors of texts under trained weights, in input order. */
    public float[][] embed(BertWeights weights, int[][] ids, int tokensPerBatch, int maxBatchSize) {
        BertEncoder encoder = new BertEncoder(weights, ops);
        float[][] vectors = new float[ids.length][];
        int[] lengths = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            lengths[i] = ids[i].length;
        }
        for (int[] indices : LengthBuckets.plan(lengths, tokensPerBatch, maxBatchSize, null)) {
            int[][] sequences = new int[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                sequences[i] = ids[indices[i]];
            }
            float[][] pooled = encoder.embed(TokenBatch.pad(sequences, 0));
            for (int i = 0; i < indices.length; i++) {
                vectors[indices[i]] = pooled[i];
            }
        }
        return vectors;
    }

    /** Linear warm-up to 1, then linear decay to 0 at the last step. */
    static double scheduled(long step, long warmup, long total) {
        if (step < warmup) {
            return (double) (step + 1) / (warmup + 1);
        }
        return Math.max(0, (double) (total - step) / Math.max(1, total - warmup));
    }

    private static Loss lossFor(OutputKind output, int classes) {
        float[] ones = new float[classes];
        java.util.Arrays.fill(ones, 1f);
        return output == OutputKind.SIGMOID ? new SigmoidBinaryCrossEntropy(ones, ones) : new SoftmaxCrossEntropy(ones, 0);
    }

    private double evaluate(BertEncoder encoder, LinearHead head, Examples examples, float[][][] cache, int first,
                            OutputKind output, FineTuneOptions options) {
        int layers = encoder.weights().config().layers();
        double correct = 0;
        for (int[] indices : LengthBuckets.plan(examples.lengths(), options.tokensPerBatch(), options.maxBatchSize(), null)) {
            TokenBatch batch = batch(examples, indices);
            float[][] pooled = encoder.forward(batch, first, first > 0 ? input(cache, indices, batch) : null, layers)
                    .pooled();
            float[][] logits = head.forward(ops, pooled);
            for (int i = 0; i < indices.length; i++) {
                float[] target = examples.targets()[indices[i]];
                correct += output == OutputKind.SIGMOID ? labelAccuracy(logits[i], target) : argmax(logits[i]) == argmax(target) ? 1 : 0;
            }
        }
        return correct / examples.size();
    }

    private static double labelAccuracy(float[] logits, float[] target) {
        int right = 0;
        for (int j = 0; j < logits.length; j++) {
            if ((logits[j] > 0) == (target[j] > 0.5f)) {
                right++;
            }
        }
        return (double) right / logits.length;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Runs the layers below {@code first} once per text and keeps each text's unpadded states. */
    private float[][][] cache(BertEncoder encoder, Examples examples, int first, FineTuneOptions options,
                              CancellationToken cancel) {
        float[][][] cache = new float[examples.size()][][];
        for (int[] indices : LengthBuckets.plan(examples.lengths(), options.tokensPerBatch(), options.maxBatchSize(), null)) {
            if (cancel.isCancelled()) {
                throw new TrainingCancelledException(1, 0);
            }
            TokenBatch batch = batch(examples, indices);
            float[][] states = encoder.forward(batch, 0, null, first).output();
            int length = batch.length();
            for (int i = 0; i < indices.length; i++) {
                int n = examples.ids()[indices[i]].length;
                float[][] rows = new float[n][];
                for (int t = 0; t < n; t++) {
                    rows[t] = states[i * length + t];
                }
                cache[indices[i]] = rows;
            }
        }
        return cache;
    }

    private static float[][] input(float[][][] cache, int[] indices, TokenBatch batch) {
        int length = batch.length();
        int hidden = cache[indices[0]][0].length;
        float[][] rows = new float[indices.length * length][];
        for (int i = 0; i < indices.length; i++) {
            float[][] states = cache[indices[i]];
            for (int t = 0; t < length; t++) {
                // read only: a layer never writes into its input rows
                rows[i * length + t] = t < states.length ? states[t] : new float[hidden];
            }
        }
        return rows;
    }

    private static TokenBatch batch(Examples examples, int[] indices) {
        int[][] sequences = new int[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            sequences[i] = examples.ids()[indices[i]];
        }
        return TokenBatch.pad(sequences, 0);
    }
}
