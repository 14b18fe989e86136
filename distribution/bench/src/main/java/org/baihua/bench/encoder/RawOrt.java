package org.baihua.bench.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * MiniLM int8 straight on ONNX Runtime's Java API (the practical limit): the same tokenizer, the same
 * mean pooling and normalisation as Baihua, no DJL, no scheduling of ours. Sessions with one
 * intra-op thread and with one per core are offered, run as padded batches or one text per run.
 */
final class RawOrt implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession single;
    private final OrtSession wide;
    private final ExecutorService pool;
    private final int cores;

    /** @param loadedFirst an encoder already used: DJL must create the ONNX Runtime environment first */
    RawOrt(int cores, org.baihua.core.encoder.TextEncoder loadedFirst) throws IOException, OrtException {
        this.cores = cores;
        if (loadedFirst.dimensions() != 384) {
            throw new IllegalArgumentException("expected MiniLM (384 dimensions), got " + loadedFirst.id());
        }
        ClassLoader loader = RawOrt.class.getClassLoader();
        byte[] model;
        try (InputStream in = loader.getResourceAsStream("all-minilm-l6-v2-q.onnx");
             InputStream json = loader.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            model = in.readAllBytes();
            tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("padding", "false", "truncation", "true", "maxLength", "256"));
        }
        single = env.createSession(model, options(1));
        wide = env.createSession(model, options(cores));
        pool = Executors.newFixedThreadPool(cores);
    }

    private static OrtSession.SessionOptions options(int intraOp) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(intraOp);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    /** One padded batch per call on the session with one intra-op thread per core. */
    Throughput.Call paddedBatchWide() {
        return texts -> run(wide, texts);
    }

    /** One padded batch per call on a one-thread session (parallelism comes from several callers). */
    Throughput.Call paddedBatchSingle() {
        return texts -> run(single, texts);
    }

    /** Each text alone, in turn on the caller's thread, on the session with one thread per core. */
    Throughput.Call perTextWide() {
        return texts -> {
            for (String text : texts) {
                run(wide, List.of(text));
            }
        };
    }

    /** Each text alone, in turn on the caller's thread, on a one-thread session. */
    Throughput.Call perTextSingle() {
        return texts -> {
            for (String text : texts) {
                run(single, List.of(text));
            }
        };
    }

    /** Each text alone, a call's texts spread over one thread per core sharing a one-thread session. */
    Throughput.Call perTextSpread() {
        return texts -> {
            List<Callable<float[][]>> tasks = new ArrayList<>();
            for (String text : texts) {
                tasks.add(() -> run(single, List.of(text)));
            }
            for (Future<float[][]> future : pool.invokeAll(tasks)) {
                future.get();
            }
        };
    }

    int cores() {
        return cores;
    }

    /** Tokens of a text, for sorting by length. */
    int length(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    float[][] run(OrtSession session, List<String> texts) throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int n = encodings.length;
        int width = 0;
        for (Encoding e : encodings) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[n * width];
        long[] mask = new long[n * width];
        long[] types = new long[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * width, encodings[i].getIds().length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * width, encodings[i].getIds().length);
        }
        long[] shape = {n, width};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            float[][][] states = (float[][][]) result.get(0).getValue();
            float[][] vectors = new float[n][];
            for (int i = 0; i < n; i++) {
                vectors[i] = meanPool(states[i], mask, i * width);
            }
            return vectors;
        }
    }

    private static float[] meanPool(float[][] tokens, long[] mask, int offset) {
        double[] sum = new double[tokens[0].length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[offset + t] == 1) {
                count++;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += tokens[t][d];
                }
            }
        }
        double norm = 0;
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= count;
            norm += sum[d] * sum[d];
        }
        float[] v = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            v[d] = (float) (sum[d] / Math.sqrt(norm));
        }
        return v;
    }

    @Override
    public void close() throws OrtException {
        pool.shutdownNow();
        single.close();
        wide.close();
        tokenizer.close();
    }
}
