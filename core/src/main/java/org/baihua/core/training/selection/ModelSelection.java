package org.baihua.core.training.selection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.JavaHead;
import org.baihua.core.training.ProgressListener;
import org.baihua.core.training.TrainedHead;
import org.baihua.core.training.TrainingEngine;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.TrainingRequest;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.StratifiedKFold;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.Calibration;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.core.training.eval.TemperatureScaling;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskSpec;

/**
 * Model selection that holds on small data. Each candidate head is trained on the k - 1 folds of a
 * repeated stratified k-fold and scored on the held-out fold (early stopping, calibration and
 * threshold tuning run inside the fold, as in a single training); the candidate with the best mean
 * is refit on all the rows for the median of its folds' best epochs. Its temperature and decision
 * threshold are then fitted on its out-of-fold probabilities, which no model saw in training: the
 * refit has no held-out rows of its own. A single validation split of a few hundred rows moves a
 * metric by several points between seeds; the mean over k &times; repeats folds does not, and its
 * standard deviation says how much the figure can be trusted.
 */
public final class ModelSelection {

    /**
     * How the cross-validation runs.
     *
     * @param folds k, &ge; 2
     * @param repeats repetitions, &ge; 1
     * @param maxRows data sets with fewer rows (train + validation) are cross-validated; larger ones
     *     keep a single validation split, which is then large enough
     */
    public record Settings(int folds, int repeats, int maxRows) {

        public Settings {
            if (folds < 2 || repeats < 1 || maxRows < 0) {
                throw new IllegalArgumentException("k-fold needs folds >= 2, repeats >= 1 and maxRows >= 0, was "
                        + folds + ", " + repeats + ", " + maxRows);
            }
        }

        /** 5 folds, 2 repetitions, under 5,000 rows. */
        public static Settings defaults() {
            return new Settings(5, 2, 5_000);
        }

        /** Whether {@code data} gets cross-validated: few enough rows and every label in every fold. */
        public boolean applies(Targets data) {
            return data.rows() < maxRows && StratifiedKFold.fits(data, folds);
        }
    }

    /**
     * The selected, refit and calibrated head.
     *
     * @param head the refit head: calibrated weights, decision policy tuned on out-of-fold probabilities
     * @param candidate the chosen configuration
     * @param outOfFold the chosen candidate's evaluation on its pooled out-of-fold probabilities,
     *     calibrated, under the served decision policy
     * @param report the scores of every candidate and what was refit
     */
    public record Result(TrainedHead head, Candidate candidate, Evaluation outOfFold, SelectionReport report) {}

    /** Hears which candidate and fold are being trained. */
    public interface FoldListener {
        void onFold(int candidate, int candidates, int fold, int folds);
    }

    private final TrainingEngine engine;
    private final Settings settings;

    public ModelSelection(TrainingEngine engine, Settings settings) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    /**
     * The candidates for a designed head: the head itself; unless the user fixed it, the head with
     * the other class weighting and with the other shape (a 128-unit hidden layer for a linear head,
     * linear for a multi-layer one); unless the user fixed the learning rate, a third of it.
     */
    public static List<Candidate> candidates(HeadSpec designed, Double learningRate, boolean headFixed,
                                             boolean learningRateFixed) {
        double lr = learningRate != null ? learningRate : designed.optimizer().learningRate();
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("designed", designed, lr));
        if (!learningRateFixed) {
            candidates.add(new Candidate("learning rate / 3", designed, lr / 3));
        }
        if (!headFixed) {
            boolean weighted = designed.classWeighting().mode() != ClassWeighting.Mode.NONE;
            candidates.add(new Candidate(weighted ? "unweighted" : "balanced classes",
                    designed.withClassWeighting(weighted ? ClassWeighting.none() : ClassWeighting.balanced()), lr));
            HeadSpec other = designed.hiddenLayers().isEmpty()
                    ? new HeadSpec(List.of(128), designed.activation(), Math.max(0.1, designed.dropout()),
                            designed.classWeighting(), designed.labelSmoothing(), designed.optimizer())
                    : new HeadSpec(List.of(), designed.activation(), 0, designed.classWeighting(),
                            designed.labelSmoothing(), designed.optimizer());
            candidates.add(new Candidate(designed.hiddenLayers().isEmpty() ? "hidden 128" : "linear", other, lr));
        }
        return candidates;
    }

    /**
     * Cross-validates the candidates on {@code data} (train + validation), refits the best on all of
     * it and calibrates it.
     *
     * @param params the training parameters; its seed seeds the folds
     * @param listener hears the refit's epochs
     * @param folds hears each fold as it starts
     * @throws IllegalArgumentException when {@code data} does not fit {@link Settings#applies}
     */
    public Result select(TaskSpec task, List<Candidate> candidates, LabeledData data, TrainingParams params,
                         ProgressListener listener, FoldListener folds, CancellationToken cancellation) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("model selection needs at least one candidate");
        }
        if (!StratifiedKFold.fits(data.y(), settings.folds())) {
            throw new IllegalArgumentException("every label needs at least " + settings.folds()
                    + " rows for stratified " + settings.folds() + "-fold cross-validation; counts are "
                    + Arrays.toString(data.y().counts()));
        }
        StratifiedKFold kFold = StratifiedKFold.of(data.y(), settings.folds(), settings.repeats(), params.seed());
        Metric metric = task.primaryMetric();
        List<CandidateScore> scores = new ArrayList<>();
        List<float[][]> chosenOutOfFold = null;
        int chosen = -1;
        for (int c = 0; c < candidates.size(); c++) {
            Candidate candidate = candidates.get(c);
            List<Double> values = new ArrayList<>();
            List<Integer> bestEpochs = new ArrayList<>();
            List<float[][]> outOfFold = new ArrayList<>();
            for (int f = 0; f < kFold.splits().size(); f++) {
                folds.onFold(c, candidates.size(), f, kFold.splits().size());
                StratifiedKFold.Fold fold = kFold.splits().get(f);
                LabeledData validation = data.subset(fold.validation());
                TrainedHead trained = engine.train(new TrainingRequest(task, candidate.head(), data.subset(fold.train()),
                        validation, params.toBuilder().optLearningRate(candidate.learningRate()).build()), p -> { }, cancellation);
                values.add(trained.evaluation().value(metric));
                bestEpochs.add(trained.bestEpoch());
                try (JavaHead raw = new JavaHead(trained.uncalibratedWeights())) {
                    outOfFold.add(raw.probabilities(validation.x()));
                }
            }
            CandidateScore score = score(candidate, values, bestEpochs);
            scores.add(score);
            if (chosen < 0 || better(score.mean(), scores.get(chosen).mean(), metric)) {
                chosen = c;
                chosenOutOfFold = outOfFold;
            }
        }
        Candidate best = candidates.get(chosen);
        CandidateScore bestScore = scores.get(chosen);
        int epochs = median(bestScore.bestEpochs());
        TrainedHead refit = engine.train(new TrainingRequest(task, best.head(), data, null,
                params.toBuilder().optLearningRate(best.learningRate()).optEpochs(epochs).build(), false), listener,
                cancellation);

        // pool the out-of-fold rows of every repetition: each is a prediction of a model that did not see the row
        int[] rows = kFold.splits().stream().flatMapToInt(f -> Arrays.stream(f.validation())).toArray();
        float[][] raw = chosenOutOfFold.stream().flatMap(Arrays::stream).toArray(float[][]::new);
        Targets truth = data.y().subset(rows);
        HeadWeights weights = refit.weights();
        double temperature = TemperatureScaling.fit(raw, truth, weights.output());
        float[][] calibrated = TemperatureScaling.apply(raw, weights.output(), temperature);
        DecisionPolicy policy = TrainingEngine.tunedPolicy(task, task.decisionPolicy(), calibrated, truth);
        DecisionApplier served = new DecisionApplier(task.kind(), truth.labels(), policy);
        Evaluation before = Evaluator.evaluate(raw, truth, served, "out-of-fold");
        Evaluation after = Evaluator.evaluate(calibrated, truth, served, "out-of-fold");
        Calibration calibration = new Calibration(temperature, "out-of-fold", rows.length,
                before.expectedCalibrationError(), after.expectedCalibrationError(), before.logLoss(), after.logLoss());
        TrainedHead head = refit.recalibrated(TemperatureScaling.scale(weights, temperature), policy, calibration);
        SelectionReport report = new SelectionReport(metric, settings.folds(), settings.repeats(), params.seed(),
                data.rows(), scores, best.name(), bestScore.mean(), bestScore.std(), epochs, refit.evaluation().examples(),
                calibration);
        return new Result(head, best, after, report);
    }

    private static CandidateScore score(Candidate candidate, List<Double> values, List<Integer> bestEpochs) {
        double[] defined = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        double mean = defined.length == 0 ? Double.NaN : Arrays.stream(defined).average().orElseThrow();
        double std = 0;
        if (defined.length > 1) {
            double squares = Arrays.stream(defined).map(v -> (v - mean) * (v - mean)).sum();
            std = Math.sqrt(squares / (defined.length - 1));
        }
        return new CandidateScore(candidate.name(), candidate.head(), candidate.learningRate(), mean, std, values,
                bestEpochs);
    }

    /** Strictly better: on a tie the earlier candidate (the designed head first) stays. */
    private static boolean better(double value, double best, Metric metric) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(value);
        }
        return metric.higherIsBetter() ? value > best : value < best;
    }

    private static int median(List<Integer> values) {
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Math.max(1, sorted[(sorted.length - 1) / 2]);
    }
}
