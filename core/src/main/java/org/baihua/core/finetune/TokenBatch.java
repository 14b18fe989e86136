package org.baihua.core.finetune;

import java.util.Objects;

/**
 * Token ids of several texts padded to one length, with their token types and attention mask
 * (1 for a real token, 0 for padding).
 *
 * @param ids one row of token ids per text
 * @param types one row of token-type ids per text
 * @param mask one row of 0/1 per text
 */
public record TokenBatch(int[][] ids, int[][] types, int[][] mask) {

    public TokenBatch {
        Objects.requireNonNull(ids, "ids is null");
        Objects.requireNonNull(types, "types is null");
        Objects.requireNonNull(mask, "mask is null");
        if (ids.length == 0 || types.length != ids.length || mask.length != ids.length) {
            throw new IllegalArgumentException("a batch needs at least one text and as many type and mask rows as id rows");
        }
        int length = ids[0].length;
        for (int b = 0; b < ids.length; b++) {
            if (ids[b].length != length || types[b].length != length || mask[b].length != length) {
                throw new IllegalArgumentException("text " + b + " is not padded to the batch length " + length);
            }
            if (length == 0 || mask[b][0] == 0) {
                throw new IllegalArgumentException("text " + b + " has no first ([CLS]) token");
            }
        }
    }

    /** Texts in the batch. */
    public int size() {
        return ids.length;
    }

    /** Padded length. */
    public int length() {
        return ids[0].length;
    }

    /** Real (unmasked) tokens in the batch. */
    public long tokens() {
        long n = 0;
        for (int[] row : mask) {
            for (int m : row) {
                n += m;
            }
        }
        return n;
    }

    /**
     * Pads token sequences (token type 0) to the longest one.
     *
     * @param sequences token ids of each text, starting with [CLS]
     * @param padId the id written into padded positions
     */
    public static TokenBatch pad(int[][] sequences, int padId) {
        int length = 0;
        for (int[] s : sequences) {
            length = Math.max(length, s.length);
        }
        int[][] ids = new int[sequences.length][length];
        int[][] types = new int[sequences.length][length];
        int[][] mask = new int[sequences.length][length];
        for (int b = 0; b < sequences.length; b++) {
            java.util.Arrays.fill(ids[b], padId);
            System.arraycopy(sequences[b], 0, ids[b], 0, sequences[b].length);
            java.util.Arrays.fill(mask[b], 0, sequences[b].length, 1);
        }
        return new TokenBatch(ids, types, mask);
    }
}
