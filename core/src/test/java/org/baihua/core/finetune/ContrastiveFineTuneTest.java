package org.baihua.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contrastive (SetFit-style) mode on a tiny random BERT: few texts per class, each one topic
 * word of its class among shared filler words. The random encoder's vectors are dominated by the
 * fillers; the pairs phase must pull texts of one class together and push the classes apart, on
 * texts it never saw.
 */
class ContrastiveFineTuneTest {

    private static final int CLS = 1;
    private static final int SEP = 2;

    private final MatrixOps ops = new MatrixOps(1);

    @AfterEach
    void close() {
        ops.close();
    }

    /** Class c's topic words are 3 + 3c .. 5 + 3c; fillers are 9-12; 3-5 fillers per text. */
    static Examples topics(int perClass, long seed) {
        Random random = new Random(seed);
        List<int[]> ids = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < 2; c++) {
                List<Integer> tokens = new ArrayList<>(List.of(3 + 3 * c + random.nextInt(3)));
                int fillers = 3 + random.nextInt(3);
                for (int f = 0; f < fillers; f++) {
                    tokens.add(9 + random.nextInt(4));
                }
                Collections.shuffle(tokens, random);
                int[] seq = new int[tokens.size() + 2];
                seq[0] = CLS;
                for (int t = 0; t < tokens.size(); t++) {
                    seq[t + 1] = tokens.get(t);
                }
                seq[seq.length - 1] = SEP;
                ids.add(seq);
                float[] target = new float[2];
                target[c] = 1f;
                targets.add(target);
            }
        }
        return new Examples(ids.toArray(int[][]::new), targets.toArray(float[][]::new));
    }

    static BertWeights tinyBert(long seed) {
        return BertWeights.random(new BertConfig(13, 16, 2, 2, 32, 8, 2, 1e-12f, Pooling.MEAN), new Random(seed));
    }

    static FineTuneOptions options(long seed) {
        return new FineTuneOptions(2, 3e-3, 1e-2, 0.9, 0.01, 0.06, 1.0, 25, 5, 192, 32, seed)
                .withContrastive(new ContrastiveOptions(20, 3e-2, 16, 40));
    }

    /** Mean cosine of same-class pairs minus mean cosine of different-class pairs. */
    static double separation(float[][] vectors, Examples examples) {
        double same = 0;
        double other = 0;
        int sameCount = 0;
        int otherCount = 0;
        for (int i = 0; i < vectors.length; i++) {
            for (int j = i + 1; j < vectors.length; j++) {
                double cosine = 0;
                for (int d = 0; d < vectors[i].length; d++) {
                    cosine += vectors[i][d] * vectors[j][d];
                }
                if (examples.targets()[i][0] == examples.targets()[j][0]) {
                    same += cosine;
                    sameCount++;
                } else {
                    other += cosine;
                    otherCount++;
                }
            }
        }
        return same / sameCount - other / otherCount;
    }

    @Test
    void pairsPhasePullsSameLabelTextsTogetherOnHeldOutTexts() {
        Examples train = topics(8, 1);
        Examples validation = topics(8, 2);
        Examples test = topics(30, 3);
        FineTuner tuner = new FineTuner(ops);
        BertWeights base = tinyBert(7);
        FineTuneResult result = tuner.train(base, train, validation, OutputKind.SOFTMAX, options(5),
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        double before = separation(tuner.embed(base, test.ids(), 192, 32), test);
        double after = separation(tuner.embed(result.encoder(), test.ids(), 192, 32), test);
        System.out.printf("contrastive: separation %.3f -> %.3f, validation accuracy %.3f%n", before, after,
                result.bestMetric());
        assertThat(after).isGreaterThan(before + 0.3);
        assertThat(result.bestMetric()).isGreaterThan(0.9);
        assertThat(result.trainableLayers()).isEqualTo(2);
        assertThat(options(5).mode()).isEqualTo("contrastive");
    }

    @Test
    void sameSeedGivesTheSamePairsAndWeights() {
        Examples train = topics(6, 1);
        Examples validation = topics(4, 2);
        FineTuneOptions options = options(11).withContrastive(new ContrastiveOptions(3, 3e-3, 8, 3));
        FineTuneResult one = new FineTuner(ops).train(tinyBert(2), train, validation, OutputKind.SOFTMAX, options,
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        FineTuneResult two = new FineTuner(ops).train(tinyBert(2), train, validation, OutputKind.SOFTMAX, options,
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        List<Tensor> a = one.encoder().all();
        List<Tensor> b = two.encoder().all();
        for (int t = 0; t < a.size(); t++) {
            assertThat(a.get(t).data()).as(a.get(t).name()).isDeepEqualTo(b.get(t).data());
        }
        assertThat(one.epochs()).isEqualTo(two.epochs());
        assertThat(one.encoder().layers().get(1).query().data())
                .isNotEqualTo(tinyBert(2).layers().get(1).query().data());
    }

    @Test
    void everyTextGetsOnePartnerWithItsLabelsAndOneWithOthers() {
        float[][] targets = {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}};
        int[] triples = ContrastivePairs.draw(targets, 2, new Random(1));
        assertThat(triples).hasSize(2 * 5 * 2 * 3);
        int[] positives = new int[5];
        for (int p = 0; p < triples.length; p += 3) {
            int a = triples[p];
            int b = triples[p + 1];
            assertThat(a).isNotEqualTo(b);
            assertThat(triples[p + 2] == 1).isEqualTo(targets[a][0] == targets[b][0]);
            positives[a] += triples[p + 2];
        }
        assertThat(positives).containsOnly(2);
        // batches keep every pair, within the pair and token budgets
        List<int[]> batches = FineTuner.pairBatches(triples, new int[] {3, 4, 5, 6, 7}, 4, 40);
        assertThat(batches.stream().mapToInt(b -> b.length).sum()).isEqualTo(triples.length);
        assertThat(batches).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(12));
    }

    @Test
    void contrastiveModeNeedsTrainableLayers() {
        assertThatThrownBy(() -> FineTuneOptions.defaults(0, 1).withContrastive(ContrastiveOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contrastive");
        assertThat(FineTuneOptions.contrastive(6, 1).mode()).isEqualTo("contrastive");
        assertThat(FineTuneOptions.defaults(0, 1).mode()).isEqualTo("frozen");
        assertThat(FineTuneOptions.defaults(2, 1).mode()).isEqualTo("fine-tune");
    }
}
