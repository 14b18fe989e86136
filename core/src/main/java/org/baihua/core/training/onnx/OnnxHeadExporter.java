package org.baihua.core.training.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.baihua.core.training.nn.HeadWeights;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a trained head as an ONNX model: one Gemm per dense layer, the hidden activation (GELU
 * spelled out with Tanh, Mul and Add, its tanh approximation, as the engine computes it), and a
 * Softmax or Sigmoid output. Input {@value #INPUT} is [batch, features]; output {@value #OUTPUT}
 * is [batch, labels] probabilities.
 */
public final class OnnxHeadExporter {

    /** Name of the graph's input. */
    public static final String INPUT = "features";
    /** Name of the graph's output. */
    public static final String OUTPUT = "probabilities";
    /** ONNX IR version written, the one that goes with opset 13. */
    static final long IR_VERSION = 7;

    private OnnxHeadExporter() {}

    /** The head as the bytes of a .onnx file. */
    public static byte[] export(HeadWeights weights, String graphName) {
        ONNXContext context = new ONNXContext();
        context.setName(graphName);
        ONNXPlaceholder input = context.floatInput(INPUT, weights.inputs());
        ONNXPlaceholder output = context.floatOutput(OUTPUT, weights.outputs());
        ONNXRef<?> current = input;
        List<HeadWeights.Dense> layers = weights.layers();
        for (int l = 0; l < layers.size(); l++) {
            HeadWeights.Dense layer = layers.get(l);
            ONNXInitializer w = context.floatTensor("w" + l, List.of(layer.inputs(), layer.outputs()),
                    buffer -> buffer.put(layer.weights()));
            ONNXInitializer b = context.floatTensor("b" + l, List.of(layer.outputs()), buffer -> buffer.put(layer.bias()));
            current = current.apply(ONNXOperators.GEMM, List.of(w, b), "dense" + l);
            if (l < layers.size() - 1) {
                current = activation(context, weights, current, l);
            }
        }
        ONNXRef<?> probabilities = switch (weights.output()) {
            case SOFTMAX -> current.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1));
            case SIGMOID -> current.apply(ONNXOperators.SIGMOID);
        };
        probabilities.assignTo(output);
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("baihua")
                .setGraph(context.buildGraph())
                .build();
        return model.toByteArray();
    }

    private static ONNXRef<?> activation(ONNXContext context, HeadWeights weights, ONNXRef<?> x, int layer) {
        return switch (weights.activation()) {
            case RELU -> x.apply(ExtraOperators.RELU);
            case TANH -> x.apply(ExtraOperators.TANH);
            case GELU -> {
                // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
                ONNXRef<?> cube = x.apply(ONNXOperators.MUL, x).apply(ONNXOperators.MUL, x);
                ONNXRef<?> inner = x.apply(ONNXOperators.ADD,
                        cube.apply(ONNXOperators.MUL, context.constant("gelu_a" + layer, 0.044715f)));
                ONNXRef<?> t = inner.apply(ONNXOperators.MUL,
                        context.constant("gelu_c" + layer, (float) Math.sqrt(2 / Math.PI))).apply(ExtraOperators.TANH);
                ONNXRef<?> onePlus = t.apply(ONNXOperators.ADD, context.constant("one" + layer, 1f));
                yield x.apply(ONNXOperators.MUL, context.constant("half" + layer, 0.5f))
                        .apply(ONNXOperators.MUL, onePlus);
            }
        };
    }
}
