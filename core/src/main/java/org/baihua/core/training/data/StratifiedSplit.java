package org.baihua.core.training.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, stratified train / validation / test split: each class (or, for multilabel rows, each
 * label combination seen at least 3 times, the rarer ones pooled) is shuffled and cut in the same
 * proportions, so rare classes appear in every part that has room for them. A class keeps at least
 * one training example.
 *
 * @param train row indexes of the training part, ascending
 * @param validation row indexes of the validation part, ascending
 * @param test row indexes of the test part, ascending
 */
public record StratifiedSplit(int[] train, int[] validation, int[] test) {

    /**
     * Splits the rows of {@code targets}.
     *
     * @param validationFraction share of each stratum for validation, in [0, 1)
     * @param testFraction share of each stratum for test, in [0, 1); the two add up to less than 1
     */
    public static StratifiedSplit of(Targets targets, double validationFraction, double testFraction, long seed) {
        if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("validation (" + validationFraction + ") and test (" + testFraction
                    + ") fractions must be >= 0 and add up to less than 1");
        }
        Map<String, List<Integer>> strata = strata(targets);
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : strata.values()) {
            java.util.Collections.shuffle(rows, random);
            int n = rows.size();
            int nTest = (int) Math.round(n * testFraction);
            int nValidation = (int) Math.round(n * validationFraction);
            if (nTest + nValidation >= n) { // keep at least one training example of every stratum
                nValidation = Math.max(0, Math.min(nValidation, n - 1 - nTest));
                nTest = Math.max(0, Math.min(nTest, n - 1 - nValidation));
            }
            test.addAll(rows.subList(0, nTest));
            validation.addAll(rows.subList(nTest, nTest + nValidation));
            train.addAll(rows.subList(nTest + nValidation, n));
        }
        return new StratifiedSplit(sorted(train), sorted(validation), sorted(test));
    }

    /**
     * Row indexes grouped by stratum, in a fixed order: one group per class, or for multilabel rows
     * per label combination seen at least 3 times with the rarer combinations pooled.
     */
    static Map<String, List<Integer>> strata(Targets targets) {
        Map<String, List<Integer>> strata = new LinkedHashMap<>();
        for (int r = 0; r < targets.rows(); r++) {
            strata.computeIfAbsent(stratum(targets, r), s -> new ArrayList<>()).add(r);
        }
        if (!targets.singleLabel()) {
            // label combinations seen fewer than 3 times share one stratum; alone, each would stay in training
            List<Integer> rare = new ArrayList<>();
            strata.values().removeIf(rows -> rows.size() < 3 && rare.addAll(rows));
            if (!rare.isEmpty()) {
                strata.put("rare", rare);
            }
        }
        return new java.util.TreeMap<>(strata);
    }

    private static String stratum(Targets targets, int r) {
        if (targets.singleLabel()) {
            return Integer.toString(targets.classes()[r]);
        }
        StringBuilder key = new StringBuilder();
        for (boolean flag : targets.sets()[r]) {
            key.append(flag ? '1' : '0');
        }
        return key.toString();
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
