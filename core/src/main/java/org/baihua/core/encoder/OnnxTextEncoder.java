package org.baihua.core.encoder;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.baihua.core.encoder.internal.BatchTranslator;
import org.baihua.core.encoder.internal.FairWorkerPool;
import org.baihua.core.encoder.internal.PreparedModel;
import org.baihua.core.encoder.internal.TextSanitizer;
import org.baihua.core.encoder.internal.Windows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextEncoder} running an ONNX model through DJL's OnnxRuntime engine and DJL's Hugging
 * Face tokenizer.
 *
 * <p>Texts are tokenised in the calling thread and cut into model inputs (windows) by the long-text
 * strategy; the windows run on {@code threads} workers sharing one ONNX Runtime session with
 * {@code intraOpThreads} threads per run. How they are grouped depends on the model's precision:
 * <ul>
 *   <li>{@link Precision#INT8}: every window runs alone. Int8 models quantise activations with one
 *       scale per batch, padding included, so batching would make a text's vector depend on its
 *       neighbours (cosine 0.98-0.99 to itself, even in a batch of equal-length texts).</li>
 *   <li>{@link Precision#FP32}: the windows of a call are sorted by length and run in batches of
 *       up to {@value #MAX_BATCH} ({@value #MAX_BATCH_TOKENS} padded tokens at most, which bounds the
 *       attention's memory); padding is masked, so a text gets the vector it gets alone (cosine
 *       &ge; 0.99999) while a batch costs far less CPU per text than single runs.</li>
 * </ul>
 * Calls take turns run by run, so concurrent single-text calls are not starved by a large call.
 * Null texts are rejected; an empty text gets the vector of the empty sentence ([CLS] [SEP]); a text
 * longer than {@link #maxTokens()} is handled by the {@link LongText} strategy of the call
 * ({@link LongText#TRUNCATE} for {@link #embed}), flagged in {@link Embedding#truncated()} when
 * tokens were dropped and counted in {@link #truncatedTexts()} (a training job reports its own
 * count in its result, so nothing is logged per call).
 */
public final class OnnxTextEncoder implements TextEncoder, AutoCloseable {

    /** Most windows in one fp32 run. */
    static final int MAX_BATCH = 32;
    /** Most padded tokens in one fp32 run: 8 windows of 512 tokens, or 32 of 128. */
    static final int MAX_BATCH_TOKENS = 4096;
    /** Characters of a text that are tokenised at most; 16 windows never need more. */
    private static final int MAX_CHARS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEncoder.class);

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<List<long[]>, float[][]> model;
    private final FairWorkerPool<List<long[]>, float[][]> pool;
    private final Windows windows;
    private final int prefixLength;
    private final int suffixLength;
    private final AtomicLong truncated = new AtomicLong();

    /**
     * Loads the model and starts the workers. Call {@code DjlEnvironment.configure} first.
     *
     * @param threads workers, each running one batch (fp32) or one window (int8) at a time
     * @param intraOpThreads ONNX Runtime threads inside one run
     * @throws EncoderException if the tokenizer or model cannot be loaded
     */
    public OnnxTextEncoder(EncoderSpec spec, PreparedModel files, int threads, int intraOpThreads) {
        this.spec = spec;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizerFile())
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new EncoderException(spec.id(), "cannot load tokenizer " + files.tokenizerFile() + ": " + e.getMessage(), e);
        }
        // The tokens the tokenizer puts around every text ([CLS] ... [SEP]), to put around every window.
        long[] specials = tokenizer.encode("").getIds();
        prefixLength = specials.length >= 2 ? specials.length - 1 : specials.length;
        suffixLength = specials.length - prefixLength;
        try {
            windows = new Windows(Arrays.copyOfRange(specials, 0, prefixLength),
                    Arrays.copyOfRange(specials, prefixLength, specials.length), spec.maxTokens());
        } catch (IllegalArgumentException e) {
            tokenizer.close();
            throw new EncoderException(spec.id(), e.getMessage(), e);
        }
        try {
            model = Criteria.builder()
                    .setTypes(listOfIds(), float[][].class)
                    .optModelPath(files.modelFile())
                    .optEngine("OnnxRuntime")
                    .optTranslator(new BatchTranslator(spec))
                    .optOption("interOpNumThreads", "1")
                    .optOption("intraOpNumThreads", Integer.toString(intraOpThreads))
                    .optOption("optLevel", "ALL_OPT")
                    .build()
                    .loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            tokenizer.close();
            throw new EncoderException(spec.id(), "cannot load model " + files.modelFile() + ": " + e.getMessage(), e);
        }
        try {
            pool = new FairWorkerPool<>("encoder-" + spec.id(), threads, () -> new PredictorWorker(model.newPredictor()));
        } catch (RuntimeException e) {
            model.close();
            tokenizer.close();
            throw new EncoderException(spec.id(), "cannot start workers: " + e.getMessage(), e);
        }
        LOG.info("Encoder '{}' ({}) loaded from {} ({} workers x {} intra-op threads)",
                spec.id(), spec.precision().key(), files.directory(), threads, intraOpThreads);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public int maxTokens() {
        return spec.maxTokens();
    }

    @Override
    public float[][] embed(List<String> texts) {
        List<Embedding> embeddings = embedDetailed(texts);
        float[][] vectors = new float[embeddings.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = embeddings.get(i).vector();
        }
        return vectors;
    }

    /** Embeds the texts, truncating long ones ({@link LongText#TRUNCATE}). */
    @Override
    public List<Embedding> embedDetailed(List<String> texts) {
        return embedDetailed(texts, LongText.TRUNCATE);
    }

    /**
     * Embeds the texts, handling those longer than {@link #maxTokens()} by {@code strategy}; a text
     * that fits gets the same vector under every strategy. {@link Embedding#tokens()} is the length of
     * the whole text.
     *
     * @throws IllegalArgumentException if a text is null (with its index)
     */
    public List<Embedding> embedDetailed(List<String> texts, LongText strategy) {
        Texts.requireNoNull(texts);
        List<Windows.Split> splits = new ArrayList<>(texts.size());
        List<long[]> inputs = new ArrayList<>();
        for (String text : texts) {
            Windows.Split split = windows.split(content(text), strategy);
            splits.add(split);
            inputs.addAll(split.windows());
        }
        float[][] vectors = run(inputs);
        List<Embedding> result = new ArrayList<>(texts.size());
        int next = 0;
        long cut = 0;
        for (Windows.Split split : splits) {
            int count = split.windows().size();
            float[] vector = count == 1 ? vectors[next] : weightedMean(vectors, next, split.weights());
            next += count;
            result.add(new Embedding(vector, split.tokens(), split.truncated()));
            cut += split.truncated() ? 1 : 0;
        }
        truncated.addAndGet(cut);
        return result;
    }

    /**
     * Each text's length in tokens, special tokens included, as the model would count it without a
     * window; a text is long when this exceeds {@link #maxTokens()}.
     */
    public int[] tokenCounts(List<String> texts) {
        Texts.requireNoNull(texts);
        int[] counts = new int[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = content(texts.get(i)).length + prefixLength + suffixLength;
        }
        return counts;
    }

    /** The model inputs {@code strategy} makes of {@code text}: for tests, which embed windows one by one. */
    List<long[]> windowsOf(String text, LongText strategy) {
        return windows.split(content(text), strategy).windows();
    }

    /** Runs tokenised windows (special tokens included) through the model as {@link #embedDetailed} would. */
    float[][] run(List<long[]> inputs) {
        List<List<long[]>> runs = new ArrayList<>();
        List<Integer> order = new ArrayList<>(inputs.size());
        if (spec.precision() == Precision.INT8) {
            for (int i = 0; i < inputs.size(); i++) {
                runs.add(List.of(inputs.get(i)));
                order.add(i);
            }
        } else {
            // Length buckets: neighbours in length order share a run, so little of a run is padding.
            for (int i = 0; i < inputs.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt(i -> inputs.get(i).length));
            List<long[]> batch = new ArrayList<>();
            for (int i : order) {
                int length = inputs.get(i).length;
                if (!batch.isEmpty() && (batch.size() == MAX_BATCH || (batch.size() + 1) * length > MAX_BATCH_TOKENS)) {
                    runs.add(batch);
                    batch = new ArrayList<>();
                }
                batch.add(inputs.get(i));
            }
            if (!batch.isEmpty()) {
                runs.add(batch);
            }
        }
        List<float[][]> outputs;
        try {
            outputs = pool.processAll(runs);
        } catch (FairWorkerPool.WorkerFailure e) {
            throw new EncoderException(spec.id(), "cannot embed: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new EncoderException(spec.id(), e.getMessage(), e);
        }
        float[][] vectors = new float[inputs.size()][];
        int k = 0;
        for (float[][] output : outputs) {
            for (float[] vector : output) {
                vectors[order.get(k++)] = vector;
            }
        }
        return vectors;
    }

    /** Texts embedded so far from which tokens were dropped (truncated, head+tail, or beyond the last window). */
    public long truncatedTexts() {
        return truncated.get();
    }

    /** Texts waiting for a worker over all calls; texts of a cancelled request leave the queue at once. */
    public int queuedTexts() {
        return pool.queuedItems();
    }

    /** Stops the workers (calls still queued fail) and releases the model. */
    @Override
    public void close() {
        pool.close();
        model.close();
        tokenizer.close();
    }

    /** The text's tokens without the special tokens around it. */
    private long[] content(String text) {
        String safe = TextSanitizer.withoutLoneSurrogates(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        long[] ids = tokenizer.encode(safe).getIds();
        return Arrays.copyOfRange(ids, prefixLength, ids.length - suffixLength);
    }

    /** The mean of unit window vectors weighted by their tokens, scaled to unit length again. */
    static float[] weightedMean(float[][] vectors, int from, int[] weights) {
        int dims = vectors[from].length;
        double[] sum = new double[dims];
        for (int w = 0; w < weights.length; w++) {
            float[] v = vectors[from + w];
            for (int d = 0; d < dims; d++) {
                sum[d] += (double) weights[w] * v[d];
            }
        }
        double squares = 0;
        for (double x : sum) {
            squares += x * x;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        float[] result = new float[dims];
        for (int d = 0; d < dims; d++) {
            result[d] = (float) (sum[d] / norm);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Class<List<long[]>> listOfIds() {
        return (Class<List<long[]>>) (Class<?>) List.class;
    }

    /** One worker thread's predictor: DJL predictors are not thread-safe. */
    private record PredictorWorker(Predictor<List<long[]>, float[][]> predictor)
            implements FairWorkerPool.Worker<List<long[]>, float[][]> {
        @Override
        public float[][] process(List<long[]> batch) throws Exception {
            return predictor.predict(batch);
        }

        @Override
        public void close() {
            predictor.close();
        }
    }
}
