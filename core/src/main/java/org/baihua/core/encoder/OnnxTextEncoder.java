package org.baihua.core.encoder;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.baihua.core.encoder.internal.EmbeddingTranslator;
import org.baihua.core.encoder.internal.FairWorkerPool;
import org.baihua.core.encoder.internal.PreparedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextEncoder} running an ONNX model through DJL's OnnxRuntime engine and DJL's Hugging
 * Face tokenizer.
 *
 * <p>Every text is run alone (batch size 1) on one of {@code threads} workers that share one ONNX
 * Runtime session with {@code intraOpThreads} threads per run. Int8 models quantise activations with
 * one scale per batch, padding included, so batching would make a text's vector depend on its
 * neighbours (cosine 0.98-0.99 to itself, even in a batch of equal-length texts); run alone, a text
 * always gets the same vector, in training, in the cache and in serving. Measured on 2 cores this
 * spends the same CPU per sentence as raw ONNX Runtime run the same way; padded batches of a corpus
 * sorted by length are about 1.2 times as efficient but give other vectors (docs/benchmarks.md).
 * Calls take turns item by item, so concurrent single-text calls are not starved by a large batch.
 * Null texts are rejected; an empty text gets the vector of the empty sentence ([CLS] [SEP]); a text
 * longer than {@link #maxTokens()} keeps its first tokens, is flagged in {@link Embedding#truncated()}
 * and counted in {@link #truncatedTexts()} (a training job reports its own count in its result; the
 * per-call log line is at debug level, so it does not interrupt progress output).
 */
public final class OnnxTextEncoder implements TextEncoder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEncoder.class);

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String, Embedding> model;
    private final FairWorkerPool<String, Embedding> pool;
    private final AtomicLong truncated = new AtomicLong();

    /**
     * Loads the model and starts the workers. Call {@code DjlEnvironment.configure} first.
     *
     * @param threads workers, each running one text at a time
     * @param intraOpThreads ONNX Runtime threads inside one run
     * @throws EncoderException if the tokenizer or model cannot be loaded
     */
    public OnnxTextEncoder(EncoderSpec spec, PreparedModel files, int threads, int intraOpThreads) {
        this.spec = spec;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.tokenizerFile())
                    .optTruncation(true)
                    .optMaxLength(spec.maxTokens())
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new EncoderException(spec.id(), "cannot load tokenizer " + files.tokenizerFile() + ": " + e.getMessage(), e);
        }
        try {
            model = Criteria.builder()
                    .setTypes(String.class, Embedding.class)
                    .optModelPath(files.modelFile())
                    .optEngine("OnnxRuntime")
                    .optTranslator(new EmbeddingTranslator(spec, tokenizer))
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
        LOG.info("Encoder '{}' loaded from {} ({} workers x {} intra-op threads)",
                spec.id(), files.directory(), threads, intraOpThreads);
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

    /** Embeds each text alone; empty text gets the vector of the empty sentence ([CLS] [SEP]). */
    @Override
    public List<Embedding> embedDetailed(List<String> texts) {
        Texts.requireNoNull(texts);
        List<Embedding> result;
        try {
            result = pool.processAll(texts);
        } catch (FairWorkerPool.WorkerFailure e) {
            throw new EncoderException(spec.id(), "cannot embed text " + e.index() + ": " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new EncoderException(spec.id(), e.getMessage(), e);
        }
        reportTruncation(result);
        return new ArrayList<>(result);
    }

    /** Texts embedded so far that were longer than {@link #maxTokens()} and were cut. */
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

    private void reportTruncation(List<Embedding> embeddings) {
        long count = embeddings.stream().filter(Embedding::truncated).count();
        if (count > 0) {
            truncated.addAndGet(count);
            LOG.debug("Encoder '{}': {} of {} texts were longer than {} tokens and were truncated",
                    spec.id(), count, embeddings.size(), spec.maxTokens());
        }
    }

    /** One worker thread's predictor: DJL predictors are not thread-safe. */
    private record PredictorWorker(Predictor<String, Embedding> predictor)
            implements FairWorkerPool.Worker<String, Embedding> {
        @Override
        public Embedding process(String text) throws Exception {
            return predictor.predict(text);
        }

        @Override
        public void close() {
            predictor.close();
        }
    }
}
