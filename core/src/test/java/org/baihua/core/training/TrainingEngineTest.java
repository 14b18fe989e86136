package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.sdk.Activation;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class TrainingEngineTest {

    private final TrainingEngine engine = new TrainingEngine();

    private static final TaskSpec BINARY = Synthetic.task(TaskKind.BINARY, List.of("same", "different"),
            Metric.ACCURACY, null);

    private TrainedHead train(TaskSpec task, HeadSpec head, LabeledData train, LabeledData validation,
                              TrainingParams params) {
        return engine.train(new TrainingRequest(task, head, train, validation, params), ProgressListener.NONE,
                CancellationToken.none());
    }

    private static TrainedHead train(TrainingEngine engine, TaskSpec task, HeadSpec head, LabeledData train, TrainingParams params) {
        return engine.train(new TrainingRequest(task, head, train, null, params), ProgressListener.NONE, CancellationToken.none());
    }

    @Test
    void withoutAValidationSetTheEngineTrainsOnEveryRowItIsGiven() {
        // validationSplit 0 used to be ignored here: the engine split 10 % off on its own
        TrainingParams params = TrainingParams.builder().optEpochs(2).optBatchSize(10).optValidationSplit(0).build();
        TrainedHead trained = train(engine, BINARY, HeadSpec.linear(), Synthetic.xor(200, 3), params);
        assertThat(trained.evaluation().split()).isEqualTo("training");
        assertThat(trained.evaluation().examples()).isEqualTo(200);
        assertThat(trained.steps()).isEqualTo(2 * 20);
        // the split shares are the job's business, never the engine's
        TrainedHead withShare = train(engine, BINARY, HeadSpec.linear(), Synthetic.xor(200, 3),
                params.toBuilder().optValidationSplit(0.3).build());
        assertThat(withShare.steps()).isEqualTo(2 * 20);
    }

    @Test
    void everyParameterIsFollowed() {
        TrainingParams params = TrainingParams.builder().optEpochs(4).optBatchSize(25).optLearningRate(0.02).optSeed(5)
                .optPatience(0).optWarmupFraction(0.25).optFinalLearningRateFraction(0.5).build();
        TrainedHead trained = train(BINARY, HeadSpec.linear(), Synthetic.xor(100, 1), Synthetic.xor(50, 2), params);
        assertThat(trained.batchSize()).isEqualTo(25);
        assertThat(trained.steps()).isEqualTo(16);
        assertThat(trained.epochsRun()).isEqualTo(4);
        assertThat(trained.seed()).isEqualTo(5);
        assertThat(trained.schedule().peak()).isEqualTo(0.02);
        assertThat(trained.schedule().warmupSteps()).isEqualTo(4);
        assertThat(trained.schedule().floorFraction()).isEqualTo(0.5);
        assertThat(trained.history().get(0).learningRate()).isEqualTo(0.02 * 4 / 5); // the first epoch is the 4-step warm-up
        assertThat(trained.history().get(3).learningRate()).isBetween(0.0100, 0.0106);
    }

    @Test
    void oneHiddenLayerLearnsXor() {
        HeadSpec head = new HeadSpec(List.of(16), Activation.RELU, 0, ClassWeighting.none(), 0,
                new OptimizerSpec(OptimizerSpec.Kind.ADAM, 0.01, 0, 0));
        TrainingParams params = TrainingParams.builder().optEpochs(60).optPatience(0).optBatchSize(32).build();
        TrainedHead trained = train(BINARY, head, Synthetic.xor(2000, 1), Synthetic.xor(500, 2), params);
        assertThat(trained.evaluation().accuracy()).isGreaterThanOrEqualTo(0.99);
        assertThat(trained.evaluation().split()).isEqualTo("validation");
        // a linear head cannot: XOR is the classic non-linearly-separable problem
        TrainedHead linear = train(BINARY, HeadSpec.linear(), Synthetic.xor(2000, 1), Synthetic.xor(500, 2), params);
        assertThat(linear.evaluation().accuracy()).isLessThan(0.75);
    }

    @Test
    void linearHeadSeparatesSeparableClassesPerfectly() {
        TaskSpec task = Synthetic.task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.MACRO_F1, null);
        TrainedHead trained = train(task, HeadSpec.linear().withOptimizer(new OptimizerSpec(OptimizerSpec.Kind.SGD,
                0.1, 0, 0.9)), Synthetic.separable(600, 3), Synthetic.separable(300, 4),
                TrainingParams.builder().optEpochs(20).build());
        assertThat(trained.evaluation().accuracy()).isEqualTo(1.0);
        assertThat(trained.evaluation().macroF1()).isEqualTo(1.0);
    }

    @Test
    void multilabelHeadLearnsIndependentLabels() {
        TaskSpec task = Synthetic.task(TaskKind.MULTILABEL, List.of("hot", "wet"), Metric.MACRO_F1, null);
        HeadSpec head = new HeadSpec(List.of(8), Activation.GELU, 0.1, ClassWeighting.balanced(), 0,
                OptimizerSpec.adamW(0.01, 0.01));
        TrainedHead trained = train(task, head, Synthetic.multilabel(2000, 5), Synthetic.multilabel(500, 6),
                TrainingParams.builder().optEpochs(30).build());
        assertThat(trained.weights().output()).isEqualTo(org.baihua.core.training.nn.OutputKind.SIGMOID);
        assertThat(trained.evaluation().perClass()).allSatisfy(c -> assertThat(c.f1()).isGreaterThan(0.97));
        assertThat(trained.evaluation().accuracy()).isGreaterThan(0.95); // exact match of both labels
        // independence: the probability of 'wet' does not follow 'hot'
        try (HeadRunner runner = trained.javaRunner()) {
            float[][] p = runner.probabilities(new float[][] {{2, -2, 0, 0}, {2, 2, 0, 0}, {-2, 2, 0, 0}});
            assertThat(p[0][0]).isGreaterThan(0.75f);
            assertThat(p[0][1]).isLessThan(0.25f);
            assertThat(p[1][0]).isGreaterThan(0.75f);
            assertThat(p[1][1]).isGreaterThan(0.75f);
            assertThat(p[2][0]).isLessThan(0.25f);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsWhateverTheThreadCountAndAnotherSeedDiffers() {
        HeadSpec head = HeadSpec.mlp(32, 16); // dropout 0.1 exercises the dropout stream too
        TrainingParams params = TrainingParams.builder().optEpochs(3).build();
        LabeledData data = Synthetic.xor(700, 9);
        TrainingEngine oneThread = new TrainingEngine(1);
        HeadWeights first = train(oneThread, BINARY, head, data, params).weights();
        HeadWeights again = train(oneThread, BINARY, head, data, params).weights();
        HeadWeights twoThreads = train(new TrainingEngine(2), BINARY, head, data, params).weights();
        HeadWeights otherSeed = train(oneThread, BINARY, head, data, params.toBuilder().optSeed(43).build()).weights();
        for (int l = 0; l < first.layers().size(); l++) {
            assertThat(again.layers().get(l).weights()).containsExactly(first.layers().get(l).weights());
            assertThat(again.layers().get(l).bias()).containsExactly(first.layers().get(l).bias());
            assertThat(twoThreads.layers().get(l).weights()).containsExactly(first.layers().get(l).weights());
        }
        assertThat(otherSeed.layers().get(0).weights()).isNotEqualTo(first.layers().get(0).weights());
    }

    @Test
    void earlyStoppingRestoresTheBestEpochsWeights() {
        // a high, constant learning rate makes validation accuracy wander, so early stopping kicks in
        HeadSpec head = new HeadSpec(List.of(64), Activation.RELU, 0, ClassWeighting.none(), 0,
                new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.5, 0, 0.9));
        TrainingParams params = TrainingParams.builder().optEpochs(200).optPatience(3).optWarmupFraction(0).optFinalLearningRateFraction(1).build();
        TrainedHead trained = train(BINARY, head, Synthetic.xor(300, 11), Synthetic.xor(100, 12), params);
        assertThat(trained.stoppedEarly()).isTrue();
        assertThat(trained.epochsRun()).isLessThan(200);
        assertThat(trained.epochsRun() - trained.bestEpoch()).isEqualTo(3);
        double best = trained.history().get(trained.bestEpoch() - 1).validation().get("ACCURACY");
        assertThat(trained.history()).allSatisfy(e -> assertThat(e.validation().get("ACCURACY")).isLessThanOrEqualTo(best));
        assertThat(trained.evaluation().accuracy()).isEqualTo(best); // the restored weights are the best epoch's
    }

    @Test
    void binaryThresholdIsTunedOnValidationAndStoredAsThePolicy() {
        TaskSpec task = Synthetic.task(TaskKind.BINARY, List.of("same", "different"), Metric.F1,
                new DecisionPolicy.Threshold("different", 0.5, ThresholdTuning.targetRecall(0.999)));
        TrainedHead trained = train(task, HeadSpec.mlp(16), Synthetic.xor(1000, 13), Synthetic.xor(300, 14),
                TrainingParams.builder().optEpochs(5).build());
        DecisionPolicy.Threshold tuned = (DecisionPolicy.Threshold) trained.decisionPolicy();
        assertThat(tuned.threshold()).isNotEqualTo(0.5);
        assertThat(tuned.positiveLabel()).isEqualTo("different");
        assertThat(trained.evaluation().positiveLabel()).isEqualTo("different");
        assertThat(trained.evaluation().perClass().get(1).recall()).isGreaterThanOrEqualTo(0.999);
    }

    @Test
    void progressEventsCloseEveryEpochWithValidationMetrics() {
        List<TrainingProgress> events = new ArrayList<>();
        TrainingParams params = TrainingParams.builder().optEpochs(4).optPatience(0).build();
        engine.train(new TrainingRequest(BINARY, HeadSpec.linear(), Synthetic.xor(500, 1), Synthetic.xor(100, 2), params),
                events::add, CancellationToken.none());
        List<TrainingProgress> ends = events.stream().filter(TrainingProgress::epochEnd).toList();
        assertThat(ends).extracting(TrainingProgress::epoch).containsExactly(1, 2, 3, 4);
        assertThat(ends.get(3).step()).isEqualTo(ends.get(3).totalSteps());
        assertThat(ends.get(3).etaMillis()).isZero();
        assertThat(ends).allSatisfy(e -> {
            assertThat(e.validation()).containsKeys("ACCURACY", "MACRO_F1", "LOG_LOSS");
            assertThat(e.trainLoss()).isPositive();
        });
    }

    @Test
    void balancedClassWeightsRaiseRecallOfARareClass() {
        LabeledData skewed = Synthetic.skewed(3000, 21);
        LabeledData validation = Synthetic.skewed(1500, 22);
        TaskSpec task = Synthetic.task(TaskKind.BINARY, List.of("common", "rare"), Metric.ACCURACY, null);
        TrainingParams params = TrainingParams.builder().optEpochs(15).optPatience(0).build();
        TrainedHead plain = train(task, HeadSpec.linear(), skewed, validation, params);
        TrainedHead balanced = train(task, HeadSpec.linear().withClassWeighting(ClassWeighting.balanced()), skewed,
                validation, params);
        assertThat(balanced.evaluation().perClass().get(1).recall())
                .isGreaterThan(plain.evaluation().perClass().get(1).recall() + 0.1);
    }
}
