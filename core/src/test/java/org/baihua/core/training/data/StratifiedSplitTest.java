package org.baihua.core.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.baihua.sdk.TaskKind;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static Targets targets() {
        int[] classes = IntStream.range(0, 120).map(i -> i < 100 ? 0 : 1).toArray();
        return Targets.single(TaskKind.BINARY, List.of("common", "rare"), classes);
    }

    @Test
    void everyClassIsCutInTheSameProportions() {
        StratifiedSplit split = StratifiedSplit.of(targets(), 0.2, 0.1, 7);
        assertThat(count(split.test(), 0)).isEqualTo(10);
        assertThat(count(split.test(), 1)).isEqualTo(2);
        assertThat(count(split.validation(), 0)).isEqualTo(20);
        assertThat(count(split.validation(), 1)).isEqualTo(4);
        assertThat(split.train()).hasSize(84);
        int[] all = IntStream.concat(IntStream.concat(IntStream.of(split.train()), IntStream.of(split.validation())),
                IntStream.of(split.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 120).toArray()); // disjoint and complete
    }

    @Test
    void theSeedDecidesTheSplit() {
        assertThat(StratifiedSplit.of(targets(), 0.2, 0.1, 7).validation())
                .isEqualTo(StratifiedSplit.of(targets(), 0.2, 0.1, 7).validation())
                .isNotEqualTo(StratifiedSplit.of(targets(), 0.2, 0.1, 8).validation());
    }

    @Test
    void aClassWithOneExampleStaysInTraining() {
        Targets tiny = Targets.single(TaskKind.BINARY, List.of("a", "b"), new int[] {0, 0, 0, 0, 1});
        StratifiedSplit split = StratifiedSplit.of(tiny, 0.5, 0, 1);
        assertThat(split.train()).contains(4);
    }

    @Test
    void rareMultilabelCombinationsArePooledSoValidationIsNotEmpty() {
        boolean[][] sets = new boolean[40][8];
        for (int r = 0; r < 40; r++) {
            for (int j = 0; j < 8; j++) {
                sets[r][j] = ((r * 7 + j * 3) % 5) < 2; // nearly every row has its own combination
            }
        }
        Targets targets = Targets.multi(List.of("a", "b", "c", "d", "e", "f", "g", "h"), sets);
        StratifiedSplit split = StratifiedSplit.of(targets, 0.25, 0, 3);
        assertThat(split.validation().length).isBetween(8, 12);
        assertThat(split.train().length + split.validation().length).isEqualTo(40);
    }

    private static long count(int[] rows, int cls) {
        return IntStream.of(rows).filter(r -> (r < 100 ? 0 : 1) == cls).count();
    }
}
