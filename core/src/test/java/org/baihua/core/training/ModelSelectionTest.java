package org.baihua.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.selection.Candidate;
import org.baihua.core.training.selection.CandidateScore;
import org.baihua.core.training.selection.ModelSelection;
import org.baihua.core.training.selection.SelectionReport;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    private static final TaskSpec MULTICLASS = Synthetic.task(TaskKind.MULTICLASS, List.of("a", "b", "c"), Metric.MACRO_F1, null);
    private static final HeadSpec LINEAR = HeadSpec.linear().withOptimizer(OptimizerSpec.adamW(0.03, 0.01));
    private static final TrainingParams PARAMS = TrainingParams.builder().optEpochs(15).optBatchSize(32).build();

    private static ModelSelection.Result select(TaskSpec task, List<Candidate> candidates, LabeledData data, long seed,
                                                List<String> foldsSeen) {
        return new ModelSelection(new TrainingEngine(1), new ModelSelection.Settings(5, 2, 5_000)).select(task, candidates,
                data, PARAMS.toBuilder().optSeed(seed).build(), ProgressListener.NONE,
                (c, cs, f, fs) -> foldsSeen.add(c + "/" + cs + ":" + f + "/" + fs), CancellationToken.none());
    }

    @Test
    void everyCandidateIsScoredOnEveryFoldAndTheMeanAndStdAreReported() {
        List<Candidate> candidates = ModelSelection.candidates(LINEAR, null, false, false);
        List<String> folds = new ArrayList<>();
        ModelSelection.Result result = select(MULTICLASS, candidates, Synthetic.overlapping(300, 1), 42, folds);
        SelectionReport report = result.report();
        assertThat(folds).hasSize(4 * 10).startsWith("0/4:0/10").endsWith("3/4:9/10");
        assertThat(report.folds()).isEqualTo(5);
        assertThat(report.repeats()).isEqualTo(2);
        assertThat(report.metric()).isEqualTo(Metric.MACRO_F1);
        assertThat(report.candidates()).extracting(CandidateScore::name)
                .containsExactly("designed", "learning rate / 3", "balanced classes", "hidden 128");
        for (CandidateScore score : report.candidates()) {
            assertThat(score.folds()).hasSize(10).allSatisfy(v -> assertThat(v).isBetween(0.5, 1.0));
            double mean = score.folds().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = score.folds().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / 9;
            assertThat(score.mean()).isCloseTo(mean, within(1e-12));
            assertThat(score.std()).isCloseTo(Math.sqrt(var), within(1e-12)).isGreaterThan(0);
        }
        CandidateScore best = report.candidates().stream()
                .max(java.util.Comparator.comparingDouble(CandidateScore::mean)).orElseThrow();
        assertThat(report.chosen()).isEqualTo(best.name());
        assertThat(result.candidate().name()).isEqualTo(best.name());
        assertThat(report.mean()).isEqualTo(best.mean());
        assertThat(report.std()).isEqualTo(best.std());
    }

    @Test
    void theChosenConfigurationIsRefitOnAllRowsForTheMedianBestEpoch() {
        LabeledData data = Synthetic.overlapping(300, 2);
        ModelSelection.Result result = select(MULTICLASS, List.of(new Candidate("designed", LINEAR, null)), data, 42,
                new ArrayList<>());
        assertThat(result.report().refitRows()).isEqualTo(300);
        assertThat(result.head().evaluation().examples()).as("the refit's own evaluation is on all its rows").isEqualTo(300);
        assertThat(result.head().evaluation().split()).isEqualTo("training");
        List<Integer> epochs = new ArrayList<>(result.report().candidates().get(0).bestEpochs());
        epochs.sort(null);
        assertThat(result.report().refitEpochs()).isEqualTo(epochs.get(4));
        assertThat(result.head().epochsRun()).isEqualTo(result.report().refitEpochs());
        // the out-of-fold evaluation pools every repetition: each row is predicted twice
        assertThat(result.outOfFold().examples()).isEqualTo(600);
        assertThat(result.report().calibration().fittedOn()).isEqualTo("out-of-fold");
        assertThat(result.report().calibration().rows()).isEqualTo(600);
        assertThat(result.report().calibration().logLossAfter())
                .isLessThanOrEqualTo(result.report().calibration().logLossBefore());
        assertThat(result.head().calibration()).isEqualTo(result.report().calibration());
    }

    @Test
    void theSameSeedGivesTheSameSelectionAndWeights() {
        LabeledData data = Synthetic.overlapping(240, 3);
        List<Candidate> candidates = ModelSelection.candidates(LINEAR, null, true, false);
        ModelSelection.Result a = select(MULTICLASS, candidates, data, 9, new ArrayList<>());
        ModelSelection.Result b = select(MULTICLASS, candidates, data, 9, new ArrayList<>());
        assertThat(b.report()).isEqualTo(a.report());
        assertThat(b.head().weights().layers().get(0).weights()).isEqualTo(a.head().weights().layers().get(0).weights());
        ModelSelection.Result c = select(MULTICLASS, candidates, data, 10, new ArrayList<>());
        assertThat(c.report().candidates().get(0).folds()).isNotEqualTo(a.report().candidates().get(0).folds());
    }

    @Test
    void aBinaryThresholdIsTunedOnTheCalibratedOutOfFoldProbabilities() {
        TaskSpec task = Synthetic.task(TaskKind.BINARY, List.of("negative", "positive"), Metric.F1,
                new DecisionPolicy.Threshold("positive", 0.5, ThresholdTuning.targetRecall(0.9)));
        ModelSelection.Result result = select(task, List.of(new Candidate("designed", LINEAR, null)),
                Synthetic.logistic(400, 4), 1, new ArrayList<>());
        DecisionPolicy.Threshold policy = (DecisionPolicy.Threshold) result.head().decisionPolicy();
        assertThat(policy.threshold()).as("recall 0.9 needs a threshold well under 0.5").isLessThan(0.45);
        assertThat(result.outOfFold().perClass().get(1).recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.head().stoppingMetric()).isEqualTo(Metric.PR_AUC);
    }

    @Test
    void candidatesVaryOnlyWhatTheUserLeftOpen() {
        HeadSpec weighted = LINEAR.withClassWeighting(ClassWeighting.balanced());
        assertThat(ModelSelection.candidates(weighted, null, false, false)).extracting(Candidate::name)
                .containsExactly("designed", "learning rate / 3", "unweighted", "hidden 128");
        assertThat(ModelSelection.candidates(weighted, null, false, false).get(1).learningRate()).isCloseTo(0.01, within(1e-12));
        assertThat(ModelSelection.candidates(HeadSpec.mlp(64), 0.003, false, true)).extracting(Candidate::name)
                .containsExactly("designed", "balanced classes", "linear");
        assertThat(ModelSelection.candidates(weighted, 0.003, true, true)).extracting(Candidate::name)
                .containsExactly("designed");
    }

    @Test
    void refusesDataWithALabelTooRareForEveryFold() {
        int[] classes = new int[40];
        classes[0] = 1;
        classes[1] = 1;
        LabeledData data = new LabeledData(Synthetic.overlapping(40, 5).x(),
                Targets.single(TaskKind.BINARY, List.of("n", "p"), classes));
        assertThat(new ModelSelection.Settings(5, 2, 5_000).applies(data.y())).isFalse();
        assertThat(new ModelSelection.Settings(5, 2, 30).applies(Synthetic.overlapping(40, 5).y())).isFalse();
        assertThat(ModelSelection.Settings.defaults().applies(Synthetic.overlapping(40, 5).y())).isTrue();
        TaskSpec task = Synthetic.task(TaskKind.BINARY, List.of("n", "p"), Metric.ROC_AUC, null);
        assertThatThrownBy(() -> select(task, List.of(new Candidate("designed", LINEAR, null)), data, 1, new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 5 rows");
    }
}
