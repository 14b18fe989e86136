package org.baihua.core.finetune;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.Pooling;

/**
 * A BERT-style encoder's fp32 ONNX graph, read with the ONNX protobuf classes, and the mapping of its
 * initializers onto {@link BertWeights}. The mapping goes by graph position, not by initializer name
 * (exporters name MatMul weights {@code onnx::MatMul_787}): the Gathers fed by {@code input_ids} and
 * {@code token_type_ids} are the word and type tables, the other embedding Gather the positions;
 * every MatMul with a weight initializer, with the Add of its bias, is in order query, key, value,
 * attention output, intermediate, output of a layer; every LayerNorm (one LayerNormalization node or
 * the exported ReduceMean/Sub/Pow/Sqrt/Div/Mul/Add chain) is in order the embeddings' norm, then the
 * attention and output norms of a layer. {@link #write} puts trained weights back into the same graph.
 */
public final class OnnxBertGraph {

    private final ModelProto model;
    private final BertConfig config;
    /** For each tensor of the weights, in {@link BertWeights#all()} order, its initializer's name. */
    private final List<String> initializerNames;

    private OnnxBertGraph(ModelProto model, BertConfig config, List<String> initializerNames) {
        this.model = model;
        this.config = config;
        this.initializerNames = initializerNames;
    }

    /**
     * Reads and maps a graph.
     *
     * @param pooling the pooling the encoder is served with (it is not part of the graph)
     * @throws IllegalArgumentException naming what is missing when the graph is not a BERT encoder this can train
     */
    public static OnnxBertGraph read(Path file, Pooling pooling) throws IOException {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = ModelProto.parseFrom(in);
        }
        try {
            return map(model, pooling);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ONNX graph " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The encoder's shape as found in the graph. */
    public BertConfig config() {
        return config;
    }

    /** The graph's weights as encoder tensors. */
    public BertWeights weights() {
        Map<String, TensorProto> initializers = initializers(model.getGraph());
        BertWeights weights = new BertWeights(config);
        List<Tensor> tensors = weights.all();
        for (int i = 0; i < tensors.size(); i++) {
            tensors.get(i).load(floats(initializers.get(initializerNames.get(i))));
        }
        return weights;
    }

    /**
     * Writes the graph with {@code weights} in place of its initializers: same nodes, same inputs and
     * outputs, so it is served like the original.
     */
    public void write(BertWeights weights, Path file) throws IOException {
        if (!weights.config().equals(config)) {
            throw new IllegalArgumentException("weights of shape " + weights.config() + " do not fit graph " + config);
        }
        Map<String, float[]> replaced = new HashMap<>();
        List<Tensor> tensors = weights.all();
        for (int i = 0; i < tensors.size(); i++) {
            replaced.put(initializerNames.get(i), tensors.get(i).flat());
        }
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            float[] values = replaced.get(t.getName());
            if (values != null) {
                ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(values);
                graph.setInitializer(i, t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(bytes.array())));
            }
        }
        ModelProto updated = model.toBuilder().setGraph(graph).build();
        try (OutputStream out = Files.newOutputStream(file)) {
            updated.writeTo(out);
        }
    }

    // ---- mapping ----

    private static OnnxBertGraph map(ModelProto model, Pooling pooling) {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = initializers(graph);
        Map<String, TensorProto> constants = new HashMap<>(initializers);
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String out : node.getOutputList()) {
                producers.put(out, node);
            }
            if (node.getOpType().equals("Constant")) {
                for (AttributeProto a : node.getAttributeList()) {
                    if (a.getName().equals("value") && a.hasT()) {
                        constants.put(node.getOutput(0), a.getT());
                    }
                }
            }
            if (node.getOpType().equals("Tanh")) {
                throw new IllegalArgumentException("it uses a tanh GELU; only the exact (Erf) GELU of BERT is supported");
            }
        }
        String words = null;
        String types = null;
        String positions = null;
        List<String[]> dense = new ArrayList<>();
        List<String[]> norms = new ArrayList<>();
        Float epsilon = null;
        Double scale = null;
        List<NodeProto> nodes = graph.getNodeList();
        for (int n = 0; n < nodes.size(); n++) {
            NodeProto node = nodes.get(n);
            switch (node.getOpType()) {
                case "Gather" -> {
                    TensorProto table = initializers.get(node.getInput(0));
                    if (table != null && table.getDimsCount() == 2 && isFloat(table)) {
                        String index = node.getInput(1);
                        if (index.equals("input_ids")) {
                            words = table.getName();
                        } else if (index.equals("token_type_ids")) {
                            types = table.getName();
                        } else {
                            positions = table.getName();
                        }
                    }
                }
                case "MatMul" -> {
                    TensorProto w = initializers.get(node.getInput(1));
                    if (w != null && w.getDimsCount() == 2 && isFloat(w)) {
                        NodeProto add = consumer(nodes, n, node.getOutput(0), "Add");
                        String bias = add == null ? null : otherInitializer(add, node.getOutput(0), initializers, 1);
                        if (bias == null) {
                            throw new IllegalArgumentException("MatMul " + node.getName() + " has no bias Add after it");
                        }
                        dense.add(new String[] {w.getName(), bias});
                    } else if (w == null && scale == null) {
                        scale = attentionScale(nodes, n, node, constants);
                    }
                }
                case "LayerNormalization" -> {
                    norms.add(new String[] {node.getInput(1), node.getInput(2)});
                    for (AttributeProto a : node.getAttributeList()) {
                        if (a.getName().equals("epsilon")) {
                            epsilon = a.getF();
                        }
                    }
                    if (epsilon == null) {
                        epsilon = 1e-5f; // the ONNX default
                    }
                }
                case "Mul" -> {
                    // the gain of an exported LayerNorm: Div(centred, Sqrt(var + eps)) · gain, then + bias
                    NodeProto div = producers.get(node.getInput(0));
                    TensorProto gain = initializers.get(node.getInput(1));
                    if (div != null && div.getOpType().equals("Div") && gain != null && gain.getDimsCount() == 1) {
                        NodeProto add = consumer(nodes, n, node.getOutput(0), "Add");
                        String bias = add == null ? null : otherInitializer(add, node.getOutput(0), initializers, 1);
                        if (bias == null) {
                            throw new IllegalArgumentException("LayerNorm " + node.getName() + " has no bias Add after it");
                        }
                        norms.add(new String[] {gain.getName(), bias});
                        if (epsilon == null) {
                            epsilon = epsilonOf(div, producers, constants);
                        }
                    }
                }
                default -> { }
            }
        }
        if (words == null || positions == null || types == null) {
            throw new IllegalArgumentException("word, position and token-type embedding tables were not all found"
                    + " (inputs input_ids and token_type_ids are required)");
        }
        if (dense.isEmpty() || dense.size() % 6 != 0) {
            throw new IllegalArgumentException(dense.size() + " weighted MatMuls found, expected 6 per layer");
        }
        int layers = dense.size() / 6;
        if (norms.size() != 1 + 2 * layers) {
            throw new IllegalArgumentException(norms.size() + " LayerNorms found, expected " + (1 + 2 * layers));
        }
        if (epsilon == null || scale == null) {
            throw new IllegalArgumentException("the LayerNorm epsilon or the attention scale was not found");
        }
        TensorProto wordTable = initializers.get(words);
        int hidden = (int) wordTable.getDims(1);
        int headSize = (int) Math.round(1 / (scale * scale));
        if (headSize < 1 || hidden % headSize != 0) {
            throw new IllegalArgumentException("attention scale " + scale + " gives head size " + headSize
                    + ", which does not divide hidden size " + hidden);
        }
        int intermediate = (int) initializers.get(dense.get(4)[0]).getDims(1);
        BertConfig config = new BertConfig((int) wordTable.getDims(0), hidden, layers, hidden / headSize, intermediate,
                (int) initializers.get(positions).getDims(0), (int) initializers.get(types).getDims(0), epsilon, pooling);
        List<String> names = new ArrayList<>(List.of(words, positions, types, norms.get(0)[0], norms.get(0)[1]));
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < 4; d++) {
                names.add(dense.get(6 * l + d)[0]);
                names.add(dense.get(6 * l + d)[1]);
            }
            names.add(norms.get(1 + 2 * l)[0]);
            names.add(norms.get(1 + 2 * l)[1]);
            for (int d = 4; d < 6; d++) {
                names.add(dense.get(6 * l + d)[0]);
                names.add(dense.get(6 * l + d)[1]);
            }
            names.add(norms.get(2 + 2 * l)[0]);
            names.add(norms.get(2 + 2 * l)[1]);
        }
        OnnxBertGraph result = new OnnxBertGraph(model, config, List.copyOf(names));
        result.checkShapes(initializers);
        return result;
    }

    private void checkShapes(Map<String, TensorProto> initializers) {
        List<Tensor> tensors = new BertWeights(config).all();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            TensorProto p = initializers.get(initializerNames.get(i));
            long count = 1;
            for (long d : p.getDimsList()) {
                count *= d;
            }
            if (count != t.size() || !isFloat(p)) {
                throw new IllegalArgumentException("initializer " + p.getName() + " " + p.getDimsList()
                        + " does not fit " + t.name() + " (" + t.data().length + " x " + t.data()[0].length + " fp32)");
            }
        }
    }

    /** 1/√(head size), from the Div (or Mul) right after the first Q·Kᵀ MatMul. */
    private static Double attentionScale(List<NodeProto> nodes, int index, NodeProto matmul,
                                         Map<String, TensorProto> constants) {
        for (String op : List.of("Div", "Mul")) {
            NodeProto next = consumer(nodes, index, matmul.getOutput(0), op);
            if (next != null) {
                TensorProto c = constants.get(next.getInput(1));
                if (c != null && isFloat(c)) {
                    double v = floats(c)[0];
                    return op.equals("Div") ? 1 / v : v;
                }
            }
        }
        return null;
    }

    private static Float epsilonOf(NodeProto div, Map<String, NodeProto> producers, Map<String, TensorProto> constants) {
        NodeProto sqrt = producers.get(div.getInput(1));
        if (sqrt == null || !sqrt.getOpType().equals("Sqrt")) {
            return null;
        }
        NodeProto add = producers.get(sqrt.getInput(0));
        if (add == null || !add.getOpType().equals("Add")) {
            return null;
        }
        for (String in : add.getInputList()) {
            TensorProto c = constants.get(in);
            if (c != null && isFloat(c)) {
                return floats(c)[0];
            }
        }
        return null;
    }

    private static NodeProto consumer(List<NodeProto> nodes, int from, String value, String op) {
        for (int n = from + 1; n < nodes.size(); n++) {
            NodeProto node = nodes.get(n);
            if (node.getOpType().equals(op) && node.getInputList().contains(value)) {
                return node;
            }
        }
        return null;
    }

    private static String otherInitializer(NodeProto node, String value, Map<String, TensorProto> initializers, int rank) {
        for (String in : node.getInputList()) {
            TensorProto t = initializers.get(in);
            if (!in.equals(value) && t != null && t.getDimsCount() == rank && isFloat(t)) {
                return in;
            }
        }
        return null;
    }

    private static Map<String, TensorProto> initializers(GraphProto graph) {
        Map<String, TensorProto> map = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            map.put(t.getName(), t);
        }
        return map;
    }

    private static boolean isFloat(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
    }

    private static float[] floats(TensorProto t) {
        Objects.requireNonNull(t, "tensor is null");
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("initializer " + t.getName() + " lives in an external file: not supported");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer bytes = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(values);
            return values;
        }
        float[] values = new float[t.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = t.getFloatData(i);
        }
        return values;
    }
}
