package org.baihua.core.finetune;

import org.baihua.core.encoder.Pooling;

/**
 * The shape of a BERT-style encoder.
 *
 * @param vocabulary rows of the word-embedding table
 * @param hidden width of the hidden states
 * @param layers transformer layers
 * @param heads attention heads; must divide {@code hidden}
 * @param intermediate width of the feed-forward layer
 * @param maxPositions rows of the position-embedding table (the longest sequence)
 * @param typeVocabulary rows of the token-type table
 * @param layerNormEpsilon the epsilon inside every LayerNorm
 * @param pooling how the sentence vector is taken from the last hidden states (then L2-normalised)
 */
public record BertConfig(int vocabulary, int hidden, int layers, int heads, int intermediate, int maxPositions,
                         int typeVocabulary, float layerNormEpsilon, Pooling pooling) {

    public BertConfig {
        if (vocabulary < 1 || hidden < 1 || layers < 1 || heads < 1 || intermediate < 1 || maxPositions < 1
                || typeVocabulary < 1 || !(layerNormEpsilon > 0) || pooling == null) {
            throw new IllegalArgumentException("invalid BERT configuration: " + vocabulary + " words, hidden " + hidden
                    + ", " + layers + " layers, " + heads + " heads, intermediate " + intermediate + ", "
                    + maxPositions + " positions, " + typeVocabulary + " token types, epsilon " + layerNormEpsilon
                    + ", pooling " + pooling);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hidden + " is not a multiple of " + heads + " heads");
        }
    }

    /** Width of one attention head. */
    public int headSize() {
        return hidden / heads;
    }
}
