package org.baihua.core.finetune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws the pairs of the contrastive phase, as SetFit does: per iteration and training text, one
 * partner with the same labels (an identical target row) and one with other labels, in a shuffled
 * order. The same random source gives the same pairs.
 */
final class ContrastivePairs {

    private ContrastivePairs() {}

    /**
     * @return (a, b, same) triples, flat: {@code same} is 1 when a and b have the same labels, else 0
     */
    static int[] draw(float[][] targets, int iterations, Random random) {
        // groups in first-seen order, so the draw does not depend on hash order
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        String[] keys = new String[targets.length];
        for (int i = 0; i < targets.length; i++) {
            keys[i] = Arrays.toString(targets[i]);
            groups.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int r = 0; r < iterations; r++) {
            for (int i = 0; i < targets.length; i++) {
                List<Integer> same = groups.get(keys[i]);
                if (same.size() > 1) {
                    int j = same.get(random.nextInt(same.size() - 1));
                    // skip i itself: draw from the others
                    if (j == i) {
                        j = same.get(same.size() - 1);
                    }
                    pairs.add(new int[] {i, j, 1});
                }
                int others = targets.length - same.size();
                if (others > 0) {
                    int k = random.nextInt(others);
                    for (int j = 0; j < targets.length; j++) {
                        if (!keys[j].equals(keys[i]) && k-- == 0) {
                            pairs.add(new int[] {i, j, 0});
                            break;
                        }
                    }
                }
            }
        }
        Collections.shuffle(pairs, random);
        int[] flat = new int[pairs.size() * 3];
        for (int p = 0; p < pairs.size(); p++) {
            System.arraycopy(pairs.get(p), 0, flat, 3 * p, 3);
        }
        return flat;
    }
}
