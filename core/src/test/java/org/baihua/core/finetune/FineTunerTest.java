package org.baihua.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.TrainingCancelledException;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning on a tiny random BERT whose position embeddings start at zero: its frozen sentence
 * vectors cannot see word order (attention without positions and mean pooling are permutation
 * invariant), so a head on them stays at chance on labels that depend on word order; fine-tuning
 * learns the positions and the task.
 */
class FineTunerTest {

    private static final int CLS = 1;
    private static final int SEP = 2;
    private static final int A = 3;
    private static final int B = 4;

    private final MatrixOps ops = new MatrixOps(1);

    @AfterEach
    void close() {
        ops.close();
    }

    static BertWeights orderBlindBert(long seed) {
        BertWeights weights = BertWeights.random(new BertConfig(13, 16, 2, 2, 32, 8, 2, 1e-12f, Pooling.MEAN),
                new Random(seed));
        for (float[] row : weights.positions().data()) {
            Arrays.fill(row, 0f);
        }
        return weights;
    }

    /** [CLS], then A, B and 0-3 fillers in random order, [SEP]; label 1 when A comes before B. */
    static Examples wordOrder(int n, long seed) {
        Random random = new Random(seed);
        int[][] ids = new int[n][];
        float[][] targets = new float[n][2];
        for (int i = 0; i < n; i++) {
            List<Integer> tokens = new ArrayList<>(List.of(A, B));
            int fillers = random.nextInt(4);
            for (int f = 0; f < fillers; f++) {
                tokens.add(5 + random.nextInt(8));
            }
            Collections.shuffle(tokens, random);
            int[] seq = new int[tokens.size() + 2];
            seq[0] = CLS;
            for (int t = 0; t < tokens.size(); t++) {
                seq[t + 1] = tokens.get(t);
            }
            seq[seq.length - 1] = SEP;
            ids[i] = seq;
            targets[i][tokens.indexOf(A) < tokens.indexOf(B) ? 1 : 0] = 1f;
        }
        return new Examples(ids, targets);
    }

    static FineTuneOptions options(int layers, long seed) {
        return new FineTuneOptions(layers, 3e-3, 1e-2, 0.9, 0.01, 0.06, 1.0, 25, 4, 192, 32, seed);
    }

    @Test
    void fineTuningLearnsWordOrderThatTheFrozenEncoderCannotSee() {
        Examples train = wordOrder(600, 1);
        Examples validation = wordOrder(200, 2);
        FineTuner tuner = new FineTuner(ops);
        FineTuneResult frozen = tuner.train(orderBlindBert(3), train, validation, OutputKind.SOFTMAX, options(0, 5),
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        FineTuneResult tuned = tuner.train(orderBlindBert(3), train, validation, OutputKind.SOFTMAX, options(2, 5),
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        System.out.printf("word order: frozen %.3f, fine-tuned %.3f (epoch %d)%n", frozen.bestMetric(),
                tuned.bestMetric(), tuned.bestEpoch());
        assertThat(frozen.bestMetric()).isLessThan(0.62);
        assertThat(tuned.bestMetric()).isGreaterThan(0.9);
        assertThat(tuned.encoder().positions().data()[1]).isNotEqualTo(new float[16]);
    }

    @Test
    void sameSeedGivesTheSameWeightsWhateverTheThreadCount() {
        Examples train = wordOrder(120, 1);
        Examples validation = wordOrder(40, 2);
        FineTuneOptions options = options(2, 9).withEpochs(2, 2);
        FineTuneResult one = new FineTuner(ops).train(orderBlindBert(3), train, validation, OutputKind.SOFTMAX, options,
                FineTuneProgress.Listener.NONE, CancellationToken.none());
        FineTuneResult two;
        try (MatrixOps twoThreads = new MatrixOps(2)) {
            two = new FineTuner(twoThreads).train(orderBlindBert(3), train, validation, OutputKind.SOFTMAX, options,
                    FineTuneProgress.Listener.NONE, CancellationToken.none());
        }
        List<Tensor> a = one.encoder().all();
        List<Tensor> b = two.encoder().all();
        for (int t = 0; t < a.size(); t++) {
            assertThat(a.get(t).data()).as(a.get(t).name()).isDeepEqualTo(b.get(t).data());
        }
        assertThat(one.epochs()).isEqualTo(two.epochs());
    }

    @Test
    void topLayersModeLeavesTheLowerLayersAndEmbeddingsUntouched() {
        BertWeights base = orderBlindBert(4);
        List<FineTuneProgress> steps = new ArrayList<>();
        FineTuneResult result = new FineTuner(ops).train(base, wordOrder(100, 1), wordOrder(30, 2), OutputKind.SOFTMAX,
                options(1, 1).withEpochs(2, 2), steps::add, CancellationToken.none());
        assertThat(result.trainableLayers()).isEqualTo(1);
        for (Tensor t : base.embeddingTensors()) {
            assertThat(result.encoder().all().get(base.all().indexOf(t)).data()).isDeepEqualTo(t.data());
        }
        assertThat(result.encoder().layers().get(0).query().data()).isDeepEqualTo(base.layers().get(0).query().data());
        assertThat(result.encoder().layers().get(1).query().data()).isNotEqualTo(base.layers().get(1).query().data());
        // per-step progress with a token count and an estimate
        assertThat(steps).hasSize((int) result.steps());
        assertThat(steps.get(steps.size() - 1).tokens()).isEqualTo(result.tokens());
        assertThat(steps.get(0).totalSteps()).isGreaterThanOrEqualTo(result.steps());
        assertThat(steps.get(0).tokensPerSecond()).isPositive();
    }

    @Test
    void cancellingStopsTheRunWithoutAResult() {
        CancellationToken cancel = new CancellationToken();
        FineTuneProgress.Listener cancelAtThirdStep = p -> {
            if (p.step() == 3) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> new FineTuner(ops).train(orderBlindBert(1), wordOrder(200, 1), wordOrder(20, 2),
                OutputKind.SOFTMAX, options(2, 1), cancelAtThirdStep, cancel))
                .isInstanceOf(TrainingCancelledException.class)
                .hasMessageContaining("step 3");
    }

    @Test
    void batchesRespectTheTokenBudgetAndCoverEveryTextOnce() {
        int[] lengths = new int[300];
        Random random = new Random(1);
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 3 + random.nextInt(60);
        }
        List<int[]> batches = LengthBuckets.plan(lengths, 256, 16, new Random(2));
        boolean[] seen = new boolean[lengths.length];
        for (int[] batch : batches) {
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertThat(batch.length).isLessThanOrEqualTo(16);
            assertThat((long) batch.length * longest).isLessThanOrEqualTo(256);
            for (int i : batch) {
                assertThat(seen[i]).isFalse();
                seen[i] = true;
            }
        }
        assertThat(seen).doesNotContain(false);
        // short texts share batches, long ones are few per batch
        assertThat(batches.size()).isLessThan(lengths.length / 3);
    }

    @Test
    void scheduleWarmsUpThenDecaysLinearlyToZero() {
        assertThat(FineTuner.scheduled(0, 4, 100)).isEqualTo(0.2);
        assertThat(FineTuner.scheduled(3, 4, 100)).isEqualTo(0.8);
        assertThat(FineTuner.scheduled(4, 4, 100)).isEqualTo(1.0);
        assertThat(FineTuner.scheduled(52, 4, 100)).isEqualTo(0.5);
        assertThat(FineTuner.scheduled(100, 4, 100)).isZero();
    }
}
