package org.baihua.core.training.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Repeated, seeded, stratified k-fold cross-validation: in each repetition every stratum (class, or
 * label combination as in {@link StratifiedSplit}) is shuffled and dealt round-robin to the k
 * folds, continuing where the previous stratum stopped so the folds end up within one row of the
 * same size. Each fold is validated on its own rows and trained on the other k - 1 folds: within a
 * repetition the validation parts are disjoint and cover every row once. Same targets and seed give
 * the same folds.
 *
 * @param folds k, &ge; 2
 * @param repeats repetitions, &ge; 1, each with its own shuffle
 * @param splits {@code folds * repeats} splits, repetition by repetition
 */
public record StratifiedKFold(int folds, int repeats, List<Fold> splits) {

    /**
     * One train/validation split of the cross-validation.
     *
     * @param repeat the repetition, 0-based
     * @param index the fold within the repetition, 0-based
     * @param train row indexes trained on, ascending
     * @param validation row indexes validated on, ascending
     */
    public record Fold(int repeat, int index, int[] train, int[] validation) {}

    public StratifiedKFold {
        splits = List.copyOf(splits);
    }

    /**
     * The folds of the rows of {@code targets}.
     *
     * @throws IllegalArgumentException when k &lt; 2, repeats &lt; 1 or there are fewer rows than folds
     */
    public static StratifiedKFold of(Targets targets, int folds, int repeats, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("k-fold needs at least 2 folds, was " + folds);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("k-fold needs at least 1 repetition, was " + repeats);
        }
        if (targets.rows() < folds) {
            throw new IllegalArgumentException(targets.rows() + " rows cannot fill " + folds + " folds");
        }
        Map<String, List<Integer>> strata = StratifiedSplit.strata(targets);
        Random random = new Random(seed);
        List<Fold> splits = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            int[] foldOf = new int[targets.rows()];
            int next = 0;
            for (List<Integer> stratum : strata.values()) {
                List<Integer> rows = new ArrayList<>(stratum);
                Collections.shuffle(rows, random);
                for (int row : rows) {
                    foldOf[row] = next;
                    next = (next + 1) % folds;
                }
            }
            for (int fold = 0; fold < folds; fold++) {
                List<Integer> train = new ArrayList<>();
                List<Integer> validation = new ArrayList<>();
                for (int row = 0; row < foldOf.length; row++) {
                    (foldOf[row] == fold ? validation : train).add(row);
                }
                splits.add(new Fold(repeat, fold, toArray(train), toArray(validation)));
            }
        }
        return new StratifiedKFold(folds, repeats, splits);
    }

    /**
     * Whether stratified k-fold fits these targets: every label has at least {@code folds} rows, so
     * that each fold's validation part can see every label.
     */
    public static boolean fits(Targets targets, int folds) {
        for (long count : targets.counts()) {
            if (count < folds) {
                return false;
            }
        }
        return targets.rows() >= folds;
    }

    private static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
