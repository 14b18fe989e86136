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
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.Pooling;

/**
 * Any bundled encoder straight on ONNX Runtime's Java API: the same tokenizer, pooling and
 * normalisation as Baihua, one session with one intra-op thread, no DJL and no scheduling of ours.
 * Calls run either one text per run or one padded batch per call.
 */
final class RawEncoder implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;

    /** Create after the Baihua encoder has run once: DJL must create the ONNX Runtime environment first. */
    RawEncoder(EncoderSpec spec) throws IOException, OrtException {
        this.spec = spec;
        EncoderSpec.Bundled files = (EncoderSpec.Bundled) spec.source();
        ClassLoader loader = RawEncoder.class.getClassLoader();
        byte[] model;
        try (InputStream in = loader.getResourceAsStream(files.modelResource());
             InputStream json = loader.getResourceAsStream(files.tokenizerResource())) {
            model = in.readAllBytes();
            tokenizer = HuggingFaceTokenizer.newInstance(json,
                    Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(spec.maxTokens())));
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(model, options);
    }

    /** Each text of a call alone, in turn. */
    Throughput.Call perText() {
        return texts -> {
            for (String text : texts) {
                run(List.of(text));
            }
        };
    }

    /** One padded batch per call. */
    Throughput.Call paddedBatch() {
        return this::run;
    }

    /** Tokens of a text, for sorting by length. */
    int length(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /** One padded batch of the texts in their order. */
    float[][] run(List<String> texts) throws OrtException {
        return run(tokenizer.batchEncode(texts));
    }

    /** One padded batch of the texts sorted by their length in tokens (least padding; vectors in sorted order). */
    float[][] runSorted(List<String> texts) throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        java.util.Arrays.sort(encodings, java.util.Comparator.comparingInt(e -> e.getIds().length));
        return run(encodings);
    }

    private float[][] run(Encoding[] encodings) throws OrtException {
        int n = encodings.length;
        int width = 0;
        for (Encoding e : encodings) {
            width = Math.max(width, e.getIds().length);
        }
        long[] ids = new long[n * width];
        long[] mask = new long[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * width, encodings[i].getIds().length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * width, encodings[i].getIds().length);
        }
        long[] shape = {n, width};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n * width]), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            float[][][] states = (float[][][]) result.get(0).getValue();
            float[][] vectors = new float[n][];
            for (int i = 0; i < n; i++) {
                vectors[i] = pool(states[i], mask, i * width);
            }
            return vectors;
        }
    }

    private float[] pool(float[][] tokens, long[] mask, int offset) {
        double[] sum = new double[tokens[0].length];
        if (spec.pooling() == Pooling.CLS) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] = tokens[0][d];
            }
        } else {
            int count = 0;
            for (int t = 0; t < tokens.length; t++) {
                if (mask[offset + t] == 1) {
                    count++;
                    for (int d = 0; d < sum.length; d++) {
                        sum[d] += tokens[t][d];
                    }
                }
            }
            for (int d = 0; d < sum.length; d++) {
                sum[d] /= count;
            }
        }
        double norm = 0;
        for (double x : sum) {
            norm += x * x;
        }
        float[] v = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            v[d] = (float) (sum[d] / Math.sqrt(norm));
        }
        return v;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
