package org.baihua.core.training.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.baihua.core.training.HeadRunner;

/**
 * A head exported by {@link OnnxHeadExporter}, run by DJL on the OnnxRuntime engine. Thread-safe:
 * each call uses its own predictor over the shared model.
 */
public final class OnnxHead implements HeadRunner {

    private final Model model;
    private final int inputs;
    private final int outputs;

    private OnnxHead(Model model, int inputs, int outputs) {
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Loads a head.onnx.
     *
     * @param inputs width of the feature vectors the head takes
     * @param outputs number of labels it returns
     * @throws IllegalArgumentException if the bytes are not a model ONNX Runtime can load
     */
    public static OnnxHead load(byte[] onnx, int inputs, int outputs) {
        // Never reach out to the network: no model zoo look-ups, no usage tracking.
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        Model model = Model.newInstance("head", "OnnxRuntime");
        try {
            model.load(new ByteArrayInputStream(onnx), Map.of());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("cannot load the head's ONNX model: " + e.getMessage(), e);
        }
        return new OnnxHead(model, inputs, outputs);
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public float[][] probabilities(float[][] x) {
        if (x.length == 0) {
            return new float[0][];
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputs) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " features, the head expects "
                        + inputs);
            }
        }
        try (Predictor<float[][], float[][]> predictor = model.newPredictor(new Translator(outputs))) {
            return predictor.predict(x);
        } catch (TranslateException e) {
            throw new IllegalStateException("ONNX Runtime failed to run the head: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private record Translator(int outputs) implements NoBatchifyTranslator<float[][], float[][]> {

        @Override
        public NDList processInput(TranslatorContext ctx, float[][] input) {
            return new NDList(ctx.getNDManager().create(input));
        }

        @Override
        public float[][] processOutput(TranslatorContext ctx, NDList list) {
            NDArray array = list.get(0);
            float[] flat = array.toFloatArray();
            int rows = flat.length / outputs;
            float[][] result = new float[rows][outputs];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * outputs, result[r], 0, outputs);
            }
            return result;
        }
    }
}
