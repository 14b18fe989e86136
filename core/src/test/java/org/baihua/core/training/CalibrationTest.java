package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.core.training.eval.TemperatureScaling;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.sdk.Activation;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

/** Temperature scaling: fitted on held-out data, folded into the head's output layer. */
class CalibrationTest {

    /** A linear two-class head whose positive logit is {@code scale * x}: over-confident for scale > 1 on {@link Synthetic#logistic}. */
    private static HeadWeights head(float scale) {
        return new HeadWeights(List.of(new HeadWeights.Dense(1, 2, new float[] {0, scale}, new float[] {0, 0})),
                Activation.RELU, OutputKind.SOFTMAX);
    }

    private static double ece(float[][] p, Targets truth) {
        return Evaluator.evaluate(p, truth, new DecisionApplier(TaskKind.BINARY, truth.labels(), DecisionPolicy.argmax()),
                "validation").expectedCalibrationError();
    }

    @Test
    void calibrationLowersTheEceOfADeliberatelyOverConfidentHead() {
        LabeledData validation = Synthetic.logistic(4000, 1);
        LabeledData test = Synthetic.logistic(4000, 2);
        HeadWeights overConfident = head(5);
        float[][] before;
        try (JavaHead runner = new JavaHead(overConfident)) {
            before = runner.probabilities(validation.x());
        }
        double temperature = TemperatureScaling.fit(before, validation.y(), OutputKind.SOFTMAX);
        assertThat(temperature).as("the logits are 5 times too large").isCloseTo(5, within(0.6));

        HeadWeights calibrated = TemperatureScaling.scale(overConfident, temperature);
        try (JavaHead raw = new JavaHead(overConfident); JavaHead fixed = new JavaHead(calibrated)) {
            double eceBefore = ece(raw.probabilities(test.x()), test.y());
            double eceAfter = ece(fixed.probabilities(test.x()), test.y());
            assertThat(eceBefore).isGreaterThan(0.08);
            assertThat(eceAfter).as("on rows the temperature was not fitted on").isLessThan(0.03).isLessThan(eceBefore / 3);
            // the head's argmax (and so its accuracy) does not change
            Evaluation a = Evaluator.evaluate(raw.probabilities(test.x()), test.y(),
                    new DecisionApplier(TaskKind.BINARY, test.y().labels(), DecisionPolicy.argmax()), "test");
            Evaluation b = Evaluator.evaluate(fixed.probabilities(test.x()), test.y(),
                    new DecisionApplier(TaskKind.BINARY, test.y().labels(), DecisionPolicy.argmax()), "test");
            assertThat(b.accuracy()).isEqualTo(a.accuracy());
            assertThat(b.rocAuc()).isCloseTo(a.rocAuc(), within(1e-4)); // saturated float probabilities tie a little differently
        }
    }

    @Test
    void scaledWeightsGiveWhatApplyingTheTemperatureToTheProbabilitiesGives() {
        LabeledData data = Synthetic.overlapping(300, 3);
        HeadWeights mlp = org.baihua.core.training.nn.HeadNetwork.initialise(4, List.of(8), 3, Activation.RELU,
                OutputKind.SOFTMAX, 0, new java.util.Random(5)).weights();
        try (JavaHead raw = new JavaHead(mlp); JavaHead scaled = new JavaHead(TemperatureScaling.scale(mlp, 2.5))) {
            float[][] expected = TemperatureScaling.apply(raw.probabilities(data.x()), OutputKind.SOFTMAX, 2.5);
            float[][] actual = scaled.probabilities(data.x());
            for (int r = 0; r < expected.length; r++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(actual[r][j]).isCloseTo(expected[r][j], within(1e-5f));
                }
            }
        }
    }

    @Test
    void perfectlySeparatedHeldOutDataDoesNotDriveTheTemperatureToZero() {
        LabeledData data = Synthetic.separable(300, 9);
        float[][] p = new float[data.rows()][3];
        for (int r = 0; r < p.length; r++) {
            p[r][data.y().classes()[r]] = 0.6f; // right on every row, and modestly confident
            p[r][(data.y().classes()[r] + 1) % 3] = 0.2f;
            p[r][(data.y().classes()[r] + 2) % 3] = 0.2f;
        }
        assertThat(TemperatureScaling.fit(p, data.y(), OutputKind.SOFTMAX)).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void earlyStoppingBreaksATieOfASaturatedMetricOnTheLogLoss() {
        TaskSpec task = Synthetic.task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.MACRO_F1, null);
        TrainedHead trained = new TrainingEngine(1).train(new TrainingRequest(task, HeadSpec.linear().withOptimizer(
                new org.baihua.sdk.OptimizerSpec(org.baihua.sdk.OptimizerSpec.Kind.SGD, 0.1, 0, 0.9)),
                Synthetic.separable(600, 3), Synthetic.separable(300, 4),
                TrainingParams.builder().optEpochs(30).optPatience(5).build()), ProgressListener.NONE, CancellationToken.none());
        assertThat(trained.evaluation().macroF1()).isEqualTo(1.0);
        // macro-F1 is 1.0 after an epoch or two; the log-loss keeps falling, and so training goes on
        assertThat(trained.bestEpoch()).isGreaterThan(10);
    }

    @Test
    void aCalibratedHeadKeepsATemperatureNearOne() {
        LabeledData validation = Synthetic.logistic(4000, 4);
        try (JavaHead runner = new JavaHead(head(1))) {
            double temperature = TemperatureScaling.fit(runner.probabilities(validation.x()), validation.y(), OutputKind.SOFTMAX);
            assertThat(temperature).isCloseTo(1, within(0.15));
        }
    }

    @Test
    void multilabelSigmoidOutputsAreCalibratedToo() {
        LabeledData validation = Synthetic.logistic(4000, 5);
        boolean[][] sets = new boolean[validation.rows()][];
        for (int r = 0; r < sets.length; r++) {
            sets[r] = new boolean[] {validation.y().classes()[r] == 1};
        }
        Targets truth = Targets.multi(List.of("positive"), sets);
        HeadWeights sigmoid = new HeadWeights(List.of(new HeadWeights.Dense(1, 1, new float[] {4}, new float[] {0})),
                Activation.RELU, OutputKind.SIGMOID);
        try (JavaHead runner = new JavaHead(sigmoid)) {
            double temperature = TemperatureScaling.fit(runner.probabilities(validation.x()), truth, OutputKind.SIGMOID);
            assertThat(temperature).isCloseTo(4, within(0.5));
        }
    }

    @Test
    void theEngineCalibratesOnValidationBeforeTuningTheThresholdAndStopsOnPrAuc() {
        TaskSpec task = Synthetic.task(TaskKind.BINARY, List.of("negative", "positive"), Metric.F1,
                new DecisionPolicy.Threshold("positive", 0.5, ThresholdTuning.maxF1()));
        TrainedHead trained = new TrainingEngine(1).train(new TrainingRequest(task, HeadSpec.linear(),
                Synthetic.logistic(2000, 6), Synthetic.logistic(1000, 7), TrainingParams.builder().optEpochs(20).build()),
                ProgressListener.NONE, CancellationToken.none());
        assertThat(trained.stoppingMetric()).isEqualTo(Metric.PR_AUC);
        assertThat(trained.calibration()).isNotNull();
        assertThat(trained.calibration().fittedOn()).isEqualTo("validation");
        assertThat(trained.calibration().rows()).isEqualTo(1000);
        assertThat(trained.calibration().logLossAfter()).isLessThanOrEqualTo(trained.calibration().logLossBefore());
        // the served weights are the calibrated ones; taking the temperature out gives the trained ones back
        try (JavaHead served = new JavaHead(trained.weights()); JavaHead raw = new JavaHead(trained.uncalibratedWeights())) {
            float[][] x = Synthetic.logistic(50, 8).x();
            float[][] expected = TemperatureScaling.apply(raw.probabilities(x), OutputKind.SOFTMAX,
                    trained.calibration().temperature());
            float[][] actual = served.probabilities(x);
            for (int r = 0; r < x.length; r++) {
                assertThat(actual[r][1]).isCloseTo(expected[r][1], within(1e-5f));
            }
        }
        // without calibration, no temperature
        TrainedHead plain = new TrainingEngine(1).train(new TrainingRequest(task, HeadSpec.linear(),
                Synthetic.logistic(500, 6), Synthetic.logistic(200, 7), TrainingParams.builder().optEpochs(5).build(), false),
                ProgressListener.NONE, CancellationToken.none());
        assertThat(plain.calibration()).isNull();
    }

    @Test
    void theStoppingMetricIsThresholdFreeOnlyForBinaryThresholdTasksWithAThresholdDependentMetric() {
        DecisionPolicy threshold = new DecisionPolicy.Threshold("p", 0.5, ThresholdTuning.maxF1());
        assertThat(TrainingEngine.stoppingMetric(Synthetic.task(TaskKind.BINARY, List.of("n", "p"), Metric.F1, threshold)))
                .isEqualTo(Metric.PR_AUC);
        assertThat(TrainingEngine.stoppingMetric(Synthetic.task(TaskKind.BINARY, List.of("n", "p"), Metric.ACCURACY, threshold)))
                .isEqualTo(Metric.PR_AUC);
        assertThat(TrainingEngine.stoppingMetric(Synthetic.task(TaskKind.BINARY, List.of("n", "p"), Metric.ROC_AUC, threshold)))
                .isEqualTo(Metric.ROC_AUC);
        assertThat(TrainingEngine.stoppingMetric(Synthetic.task(TaskKind.BINARY, List.of("n", "p"), Metric.F1,
                DecisionPolicy.argmax()))).isEqualTo(Metric.F1);
        assertThat(TrainingEngine.stoppingMetric(Synthetic.task(TaskKind.MULTICLASS, List.of("a", "b", "c"),
                Metric.MACRO_F1, null))).isEqualTo(Metric.MACRO_F1);
    }
}
