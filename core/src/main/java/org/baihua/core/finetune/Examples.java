package org.baihua.core.finetune;

import java.util.Objects;

/**
 * Tokenised texts with their targets.
 *
 * @param ids token ids of each text, [CLS] first
 * @param targets one row per text: one-hot (single label) or multi-hot (multilabel)
 */
public record Examples(int[][] ids, float[][] targets) {

    public Examples {
        Objects.requireNonNull(ids, "ids is null");
        Objects.requireNonNull(targets, "targets is null");
        if (ids.length != targets.length) {
            throw new IllegalArgumentException(ids.length + " texts but " + targets.length + " target rows");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length == 0) {
                throw new IllegalArgumentException("text " + i + " has no tokens");
            }
        }
    }

    /** Number of texts. */
    public int size() {
        return ids.length;
    }

    /** Tokens of each text. */
    int[] lengths() {
        int[] lengths = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            lengths[i] = ids[i].length;
        }
        return lengths;
    }
}
