package org.baihua.core.encoder.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.baihua.core.encoder.EncoderException;
import org.baihua.core.encoder.EncoderSpec;

/**
 * DJL translator for a batch of tokenised windows: pads them to the longest with a zero attention
 * mask, runs the BERT-style model once, pools each row over its own mask and normalises. A batch of
 * one is the plain single-text run. Pooling is done in Java because DJL's ONNX Runtime engine offers
 * no NDArray arithmetic.
 */
public final class BatchTranslator implements Translator<List<long[]>, float[][]> {

    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";
    private static final String MASKS = "masks";

    private final EncoderSpec spec;
    private volatile Set<String> inputs;

    public BatchTranslator(EncoderSpec spec) {
        this.spec = spec;
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
    public NDList processInput(TranslatorContext ctx, List<long[]> windows) {
        int rows = windows.size();
        int length = 0;
        for (long[] window : windows) {
            length = Math.max(length, window.length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[][] masks = new long[rows][length];
        for (int r = 0; r < rows; r++) {
            long[] window = windows.get(r);
            System.arraycopy(window, 0, ids, r * length, window.length);
            for (int t = 0; t < window.length; t++) {
                mask[r * length + t] = 1;
                masks[r][t] = 1;
            }
        }
        ctx.setAttachment(MASKS, masks);
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(rows, length);
        NDList list = new NDList(named(manager.create(ids, shape), IDS), named(manager.create(mask, shape), MASK));
        if (inputs.contains(TYPES)) {
            list.add(named(manager.create(new long[rows * length], shape), TYPES));
        }
        return list;
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray states = list.get("last_hidden_state");
        if (states == null) {
            states = list.get(0);
        }
        long[][] masks = (long[][]) ctx.getAttachment(MASKS);
        int rows = masks.length;
        int length = masks[0].length;
        int dims = spec.dimensions();
        long[] shape = states.getShape().getShape();
        if (shape.length != 3 || shape[0] != rows || shape[1] != length || shape[2] != dims) {
            throw new EncoderException(spec.id(), "model output has shape " + states.getShape() + ", expected (" + rows
                    + ", " + length + ", " + dims + "): check 'dimensions' in its definition");
        }
        float[] all = states.toFloatArray();
        float[][] vectors = new float[rows][];
        int rowSize = length * dims;
        for (int r = 0; r < rows; r++) {
            vectors[r] = Pooler.pool(all, r * rowSize, masks[r], dims, spec.pooling());
        }
        return vectors;
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
