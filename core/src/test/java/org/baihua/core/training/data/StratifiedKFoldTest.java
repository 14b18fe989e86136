package org.baihua.core.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.baihua.sdk.TaskKind;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {

    /** 503 rows, classes of 301, 150 and 52 rows, in a shuffled order. */
    private static Targets skewed() {
        int[] classes = new int[503];
        for (int r = 0; r < classes.length; r++) {
            classes[r] = r < 301 ? 0 : r < 451 ? 1 : 2;
        }
        Random random = new Random(3);
        for (int i = classes.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = classes[i];
            classes[i] = classes[j];
            classes[j] = t;
        }
        return Targets.single(TaskKind.MULTICLASS, List.of("a", "b", "c"), classes);
    }

    @Test
    void foldsAreStratified() {
        Targets targets = skewed();
        StratifiedKFold kFold = StratifiedKFold.of(targets, 5, 2, 11);
        assertThat(kFold.splits()).hasSize(10);
        long[] total = targets.counts();
        for (StratifiedKFold.Fold fold : kFold.splits()) {
            long[] counts = targets.subset(fold.validation()).counts();
            for (int c = 0; c < counts.length; c++) {
                // each class is dealt round-robin: a fold holds its fifth, give or take one row
                assertThat((double) counts[c]).as("class %d in fold %d/%d", c, fold.repeat(), fold.index())
                        .isBetween(Math.floor(total[c] / 5.0), Math.ceil(total[c] / 5.0));
            }
            assertThat(fold.validation().length).isBetween(100, 101);
        }
    }

    @Test
    void withinARepetitionValidationPartsAreDisjointAndCoverEveryRowOnce() {
        Targets targets = skewed();
        StratifiedKFold kFold = StratifiedKFold.of(targets, 5, 3, 11);
        for (int repeat = 0; repeat < 3; repeat++) {
            int[] seen = new int[targets.rows()];
            for (StratifiedKFold.Fold fold : kFold.splits()) {
                if (fold.repeat() != repeat) {
                    continue;
                }
                Set<Integer> validation = new HashSet<>();
                Arrays.stream(fold.validation()).forEach(r -> seen[r]++);
                Arrays.stream(fold.validation()).forEach(validation::add);
                assertThat(Arrays.stream(fold.train()).filter(validation::contains)).as("train and validation overlap")
                        .isEmpty();
                assertThat(fold.train().length + fold.validation().length).isEqualTo(targets.rows());
                assertThat(fold.train()).isSorted();
                assertThat(fold.validation()).isSorted();
            }
            assertThat(seen).as("repetition %d", repeat).containsOnly(1);
        }
    }

    @Test
    void theSameSeedGivesTheSameFoldsAndRepetitionsShuffleAnew() {
        Targets targets = skewed();
        StratifiedKFold a = StratifiedKFold.of(targets, 5, 2, 42);
        StratifiedKFold b = StratifiedKFold.of(targets, 5, 2, 42);
        StratifiedKFold c = StratifiedKFold.of(targets, 5, 2, 43);
        for (int f = 0; f < 10; f++) {
            assertThat(a.splits().get(f).validation()).isEqualTo(b.splits().get(f).validation());
            assertThat(a.splits().get(f).train()).isEqualTo(b.splits().get(f).train());
        }
        assertThat(a.splits().get(0).validation()).isNotEqualTo(c.splits().get(0).validation());
        assertThat(a.splits().get(0).validation()).isNotEqualTo(a.splits().get(5).validation());
    }

    @Test
    void multilabelRowsAreStratifiedByLabelCombination() {
        boolean[][] sets = new boolean[200][];
        for (int r = 0; r < sets.length; r++) {
            sets[r] = new boolean[] {r % 2 == 0, r % 5 == 0};
        }
        Targets targets = Targets.multi(List.of("x", "y"), sets);
        StratifiedKFold kFold = StratifiedKFold.of(targets, 5, 1, 1);
        for (StratifiedKFold.Fold fold : kFold.splits()) {
            assertThat(targets.subset(fold.validation()).counts()).containsExactly(20, 8);
        }
    }

    @Test
    void fitsOnlyWhenEveryLabelCanReachEveryFold() {
        int[] classes = IntStream.range(0, 40).map(r -> r < 36 ? 0 : 1).toArray();
        Targets four = Targets.single(TaskKind.BINARY, List.of("n", "p"), classes);
        assertThat(StratifiedKFold.fits(four, 5)).isFalse();
        assertThat(StratifiedKFold.fits(four, 4)).isTrue();
    }

    @Test
    void refusesImpossibleSettings() {
        Targets targets = skewed();
        assertThatThrownBy(() -> StratifiedKFold.of(targets, 1, 1, 0)).hasMessageContaining("at least 2 folds");
        assertThatThrownBy(() -> StratifiedKFold.of(targets, 5, 0, 0)).hasMessageContaining("at least 1 repetition");
        Targets three = Targets.single(TaskKind.BINARY, List.of("n", "p"), new int[] {0, 1, 0});
        assertThatThrownBy(() -> StratifiedKFold.of(three, 5, 1, 0)).hasMessageContaining("3 rows cannot fill 5 folds");
    }
}
