package org.baihua.core.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Groups texts of similar length into batches of a bounded number of padded tokens: short texts go
 * many to a batch, long ones few, and little compute is spent on padding. Ties in length and the
 * order of the batches are shuffled by the given random source, so every epoch differs yet a seed
 * repeats a run.
 */
final class LengthBuckets {

    private LengthBuckets() {}

    /**
     * @param lengths tokens of each text
     * @param tokensPerBatch batch size × longest length at most (a longer text gets a batch alone)
     * @param maxBatchSize texts per batch at most
     * @param random shuffles ties and the batch order; null keeps the sorted order (for inference)
     * @return the batches, each a list of text indices sorted by length
     */
    static List<int[]> plan(int[] lengths, int tokensPerBatch, int maxBatchSize, Random random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        if (random != null) {
            Collections.shuffle(order, random);
        }
        // stable sort: shuffled ties stay shuffled
        order.sort(Comparator.comparingInt(i -> lengths[i]));
        List<int[]> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int index : order) {
            int longest = lengths[index];
            if (!current.isEmpty() && ((long) (current.size() + 1) * longest > tokensPerBatch
                    || current.size() == maxBatchSize)) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
            current.add(index);
        }
        if (!current.isEmpty()) {
            batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        if (random != null) {
            Collections.shuffle(batches, random);
        }
        return batches;
    }
}
