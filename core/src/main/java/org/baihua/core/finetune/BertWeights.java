package org.baihua.core.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * All parameters of a BERT-style encoder. Weight matrices are stored {@code in × out}, as ONNX
 * MatMul initializers are, so {@code y = x · W + b}.
 */
public final class BertWeights {

    /** The parameters of one transformer layer. */
    public record Layer(Tensor query, Tensor queryBias, Tensor key, Tensor keyBias, Tensor value, Tensor valueBias,
                        Tensor attentionOut, Tensor attentionOutBias, Tensor attentionNormGain,
                        Tensor attentionNormBias, Tensor intermediate, Tensor intermediateBias, Tensor output,
                        Tensor outputBias, Tensor outputNormGain, Tensor outputNormBias) {

        /** The tensors in a fixed order. */
        public List<Tensor> tensors() {
            return List.of(query, queryBias, key, keyBias, value, valueBias, attentionOut, attentionOutBias,
                    attentionNormGain, attentionNormBias, intermediate, intermediateBias, output, outputBias,
                    outputNormGain, outputNormBias);
        }
    }

    private final BertConfig config;
    private final Tensor words;
    private final Tensor positions;
    private final Tensor types;
    private final Tensor embeddingNormGain;
    private final Tensor embeddingNormBias;
    private final List<Layer> layers;

    /** Zero weights (LayerNorm gains 1) of the given shape. */
    public BertWeights(BertConfig config) {
        this.config = Objects.requireNonNull(config, "config is null");
        int h = config.hidden();
        words = new Tensor("embeddings.word", config.vocabulary(), h, 0, true);
        positions = new Tensor("embeddings.position", config.maxPositions(), h, 0, true);
        types = new Tensor("embeddings.token_type", config.typeVocabulary(), h, 0, true);
        embeddingNormGain = gain("embeddings.norm.gain", h, 0);
        embeddingNormBias = new Tensor("embeddings.norm.bias", 1, h, 0, false);
        List<Layer> list = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            String p = "layer." + l + ".";
            int g = l + 1;
            int i = config.intermediate();
            list.add(new Layer(
                    new Tensor(p + "attention.query.weight", h, h, g, true), new Tensor(p + "attention.query.bias", 1, h, g, false),
                    new Tensor(p + "attention.key.weight", h, h, g, true), new Tensor(p + "attention.key.bias", 1, h, g, false),
                    new Tensor(p + "attention.value.weight", h, h, g, true), new Tensor(p + "attention.value.bias", 1, h, g, false),
                    new Tensor(p + "attention.output.weight", h, h, g, true), new Tensor(p + "attention.output.bias", 1, h, g, false),
                    gain(p + "attention.norm.gain", h, g), new Tensor(p + "attention.norm.bias", 1, h, g, false),
                    new Tensor(p + "intermediate.weight", h, i, g, true), new Tensor(p + "intermediate.bias", 1, i, g, false),
                    new Tensor(p + "output.weight", i, h, g, true), new Tensor(p + "output.bias", 1, h, g, false),
                    gain(p + "output.norm.gain", h, g), new Tensor(p + "output.norm.bias", 1, h, g, false)));
        }
        layers = Collections.unmodifiableList(list);
    }

    /** Random weights as BERT initialises them (normal, std 0.02; LayerNorm 1 and 0), for tests and benchmarks. */
    public static BertWeights random(BertConfig config, Random random) {
        BertWeights weights = new BertWeights(config);
        for (Tensor t : weights.all()) {
            boolean normGain = t.name().endsWith("norm.gain");
            boolean bias = !t.decay() && !normGain;
            for (float[] row : t.data()) {
                for (int j = 0; j < row.length; j++) {
                    // small random biases and gains instead of 0 and 1, so gradient checks see every term
                    row[j] = normGain ? (float) (1 + 0.1 * random.nextGaussian())
                            : bias ? (float) (0.02 * random.nextGaussian()) : (float) (0.02 * random.nextGaussian());
                }
            }
        }
        return weights;
    }

    private static Tensor gain(String name, int h, int group) {
        Tensor t = new Tensor(name, 1, h, group, false);
        java.util.Arrays.fill(t.vector(), 1f);
        return t;
    }

    /** The shape. */
    public BertConfig config() {
        return config;
    }

    /** Word embeddings, vocabulary × hidden. */
    public Tensor words() {
        return words;
    }

    /** Position embeddings, max positions × hidden. */
    public Tensor positions() {
        return positions;
    }

    /** Token-type embeddings. */
    public Tensor types() {
        return types;
    }

    /** Gain of the embeddings' LayerNorm. */
    public Tensor embeddingNormGain() {
        return embeddingNormGain;
    }

    /** Bias of the embeddings' LayerNorm. */
    public Tensor embeddingNormBias() {
        return embeddingNormBias;
    }

    /** The transformer layers, bottom first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The embedding tensors. */
    public List<Tensor> embeddingTensors() {
        return List.of(words, positions, types, embeddingNormGain, embeddingNormBias);
    }

    /** Every tensor: embeddings, then layer by layer. */
    public List<Tensor> all() {
        List<Tensor> all = new ArrayList<>(embeddingTensors());
        for (Layer layer : layers) {
            all.addAll(layer.tensors());
        }
        return all;
    }

    /** A deep copy (for keeping the best weights of a run). */
    public BertWeights copy() {
        BertWeights copy = new BertWeights(config);
        copy.copyFrom(this);
        return copy;
    }

    /** Overwrites these weights with {@code other}'s (same shape). */
    public void copyFrom(BertWeights other) {
        List<Tensor> mine = all();
        List<Tensor> theirs = other.all();
        for (int i = 0; i < mine.size(); i++) {
            mine.get(i).copyFrom(theirs.get(i));
        }
    }

    /** Number of parameters. */
    public long parameterCount() {
        return all().stream().mapToLong(Tensor::size).sum();
    }
}
