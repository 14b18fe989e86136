package org.baihua.core.encoder.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.HashSet;
import java.util.Set;
import org.baihua.core.encoder.Embedding;
import org.baihua.core.encoder.EncoderException;
import org.baihua.core.encoder.EncoderSpec;

/**
 * DJL translator for one sentence: tokenise, run the BERT-style model, pool, normalise. It never
 * batches (see {@code OnnxTextEncoder} for why), and it pools in Java because DJL's ONNX Runtime
 * engine offers no NDArray arithmetic.
 */
public final class EmbeddingTranslator implements Translator<String, Embedding> {

    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";
    private static final String TOKENS = "tokens";
    private static final String TRUNCATED = "truncated";

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private volatile Set<String> inputs;

    /** The tokenizer must truncate to the spec's max tokens and must not pad. */
    public EmbeddingTranslator(EncoderSpec spec, HuggingFaceTokenizer tokenizer) {
        this.spec = spec;
        this.tokenizer = tokenizer;
    }

    @Override
    public void prepare(TranslatorContext ctx) {
        Set<String> names = new HashSet<>(ctx.getModel().describeInput().keys());
        if (!names.contains(IDS) || !names.contains(MASK)) {
            throw new EncoderException(spec.id(), "model inputs " + names + " lack input_ids or attention_mask:"
                    + " only BERT-style encoders are supported");
        }
        inputs = names;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String text) {
        Encoding encoding = tokenizer.encode(TextSanitizer.withoutLoneSurrogates(text));
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        ctx.setAttachment(MASK, mask);
        ctx.setAttachment(TOKENS, ids.length);
        ctx.setAttachment(TRUNCATED, encoding.exceedMaxLength());
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(1, ids.length);
        NDList list = new NDList(named(manager.create(ids, shape), IDS), named(manager.create(mask, shape), MASK));
        if (inputs.contains(TYPES)) {
            list.add(named(manager.create(encoding.getTypeIds(), shape), TYPES));
        }
        return list;
    }

    @Override
    public Embedding processOutput(TranslatorContext ctx, NDList list) {
        NDArray states = list.get("last_hidden_state");
        if (states == null) {
            states = list.get(0);
        }
        long[] shape = states.getShape().getShape();
        long[] mask = (long[]) ctx.getAttachment(MASK);
        if (shape.length != 3 || shape[1] != mask.length || shape[2] != spec.dimensions()) {
            throw new EncoderException(spec.id(), "model output has shape " + states.getShape() + ", expected (1, "
                    + mask.length + ", " + spec.dimensions() + "): check 'dimensions' in its definition");
        }
        float[] vector = Pooler.pool(states.toFloatArray(), mask, spec.dimensions(), spec.pooling());
        return new Embedding(vector, (Integer) ctx.getAttachment(TOKENS), (Boolean) ctx.getAttachment(TRUNCATED));
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
