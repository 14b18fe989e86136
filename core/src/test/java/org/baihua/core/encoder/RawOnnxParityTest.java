package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder's vectors equal an independent computation of the same model: ONNX Runtime's own
 * Java API on the model bytes from the carrier jar, one text per run, pooled and normalised here.
 */
class RawOnnxParityTest {

    @TempDir
    static Path dataDir;

    static EncoderCatalog catalog;

    @BeforeAll
    static void load() {
        // The catalog first: DJL creates the ONNX Runtime environment, raw code then shares it.
        catalog = new EncoderCatalog(dataDir, withoutCache());
        catalog.get(BundledEncoders.MINILM.id()).embed(List.of("warm up"));
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    @Test
    void miniLmMatchesRawOnnxRuntimeWithMeanPooling() throws Exception {
        List<String> texts = List.of("chest pain radiating to the left arm", "",
                "Quarterly revenue grew five percent, beating the analysts' consensus by a wide margin.",
                "Vibration of the main bearing exceeded 7 mm/s during the night shift.");
        float[][] ours = catalog.get("all-minilm-l6-v2-q").embed(texts);
        float[][] raw = raw(BundledEncoders.MINILM, texts, true);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(ours[i], raw[i])).as("text %d", i).isGreaterThan(0.9999);
        }
    }

    @Test
    void bgeMatchesRawOnnxRuntimeWithClsPooling() throws Exception {
        List<String> texts = List.of("胸痛放射到左臂", "季度收入增长了百分之五", "mixed 中文 and English");
        float[][] ours = catalog.get("bge-small-zh-v15-q").embed(texts);
        float[][] raw = raw(BundledEncoders.BGE_SMALL_ZH, texts, false);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(ours[i], raw[i])).as("text %d", i).isGreaterThan(0.9999);
        }
    }

    @Test
    void bgeSmallEnFp32MatchesRawOnnxRuntimeWithClsPooling() throws Exception {
        List<String> texts = List.of("chest pain radiating to the left arm", "",
                "Quarterly revenue grew five percent, beating the analysts' consensus by a wide margin.",
                "Vibration of the main bearing exceeded 7 mm/s during the night shift.", "short");
        // One call: the fp32 encoder runs these as one padded batch, the raw computation one text per run.
        float[][] ours = catalog.get("bge-small-en-v15").embed(texts);
        float[][] raw = raw(BundledEncoders.BGE_SMALL_EN, texts, false);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(Vectors.cosine(ours[i], raw[i])).as("text %d", i).isGreaterThan(0.9999);
        }
    }

    private static float[][] raw(EncoderSpec spec, List<String> texts, boolean meanPooling) throws Exception {
        EncoderSpec.Bundled files = (EncoderSpec.Bundled) spec.source();
        byte[] model;
        try (InputStream in = RawOnnxParityTest.class.getClassLoader().getResourceAsStream(files.modelResource())) {
            model = in.readAllBytes();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] result = new float[texts.size()][];
        try (InputStream tokenizerJson = RawOnnxParityTest.class.getClassLoader().getResourceAsStream(files.tokenizerResource());
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                     Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(spec.maxTokens())));
             OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options)) {
            for (int t = 0; t < texts.size(); t++) {
                Encoding encoding = tokenizer.encode(texts.get(t));
                long[] shape = {1, encoding.getIds().length};
                try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getIds()), shape);
                     OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
                     OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape);
                     OrtSession.Result out = session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
                    float[][] states = ((float[][][]) out.get(0).getValue())[0];
                    result[t] = unit(meanPooling ? mean(states) : states[0]);
                }
            }
        }
        return result;
    }

    private static float[] mean(float[][] states) {
        float[] sum = new float[states[0].length];
        for (float[] token : states) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += token[d] / states.length;
            }
        }
        return sum;
    }

    private static float[] unit(float[] v) {
        float[] result = v.clone();
        double norm = Vectors.norm(v);
        for (int d = 0; d < v.length; d++) {
            result[d] = (float) (v[d] / norm);
        }
        return result;
    }

    static EncoderConfig withoutCache() {
        EncoderConfig d = EncoderConfig.defaults();
        return new EncoderConfig(d.defaultEncoder(), 2, 1, List.of(), null, 0, d.maxTextsPerCall());
    }
}
