package org.baihua.core.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.Calibration;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.core.training.eval.TemperatureScaling;
import org.baihua.core.training.eval.ThresholdTuner;
import org.baihua.core.training.nn.HeadNetwork;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.LearningRateSchedule;
import org.baihua.core.training.nn.Loss;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.Optimizer;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.baihua.sdk.ThresholdTuning;

/**
 * The shared training engine: builds the head a {@link HeadSpec} describes, trains it with
 * mini-batches, early stopping on a validation metric ({@link #stoppingMetric}) and best-weights
 * restore, calibrates the probabilities by temperature scaling on validation, tunes a binary
 * threshold on the calibrated validation probabilities, and evaluates the result. It trains on
 * exactly the sets it is given: without a validation set there is no early stopping, calibration or
 * threshold tuning. Stateless apart from its thread count; runs on the caller's thread plus
 * {@code threads - 1} kernel threads.
 */
public final class TrainingEngine {

    private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

    private final int threads;

    /** An engine on up to two threads (fewer on a one-core machine). */
    public TrainingEngine() {
        this(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * An engine whose matrix kernels use {@code threads} threads; results do not depend on it.
     *
     * @param threads in [1, 256]
     */
    public TrainingEngine(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
        }
        this.threads = threads;
    }

    /**
     * Trains a head.
     *
     * @throws IllegalArgumentException for bad input (empty set, one class, NaN/Inf, wrong widths), naming the row
     * @throws TrainingFailedException when the loss diverges
     * @throws TrainingCancelledException when {@code cancellation} is cancelled
     */
    public TrainedHead train(TrainingRequest request, ProgressListener listener, CancellationToken cancellation) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(listener, "listener is null");
        Objects.requireNonNull(cancellation, "cancellation is null");
        RequestValidator.validate(request);
        try (MatrixOps ops = new MatrixOps(threads)) {
            return new Run(request, request.train(), request.validation(), listener, cancellation, ops).execute();
        }
    }

    /** The state of one training run. */
    private static final class Run {
        private final TrainingRequest request;
        private final TrainingParams params;
        private final LabeledData train;
        private final LabeledData validation;
        private final ProgressListener listener;
        private final CancellationToken cancellation;
        private final MatrixOps ops;
        private final DecisionApplier defaultDecisions;
        private final long start = System.nanoTime();

        Run(TrainingRequest request, LabeledData train, LabeledData validation, ProgressListener listener,
            CancellationToken cancellation, MatrixOps ops) {
            this.request = request;
            this.params = request.params();
            this.train = train;
            this.validation = validation;
            this.listener = listener;
            this.cancellation = cancellation;
            this.ops = ops;
            this.defaultDecisions = new DecisionApplier(request.task().kind(), train.y().labels(),
                    request.task().decisionPolicy());
        }

        TrainedHead execute() {
            HeadSpec head = request.head();
            int inputs = train.x()[0].length;
            int outputs = train.y().width();
            OutputKind output = request.task().kind() == TaskKind.MULTILABEL ? OutputKind.SIGMOID : OutputKind.SOFTMAX;
            // separate streams, so that e.g. changing dropout does not change the shuffling order
            Random init = new Random(params.seed());
            Random shuffle = new Random(params.seed() * 31 + 1);
            Random dropout = new Random(params.seed() * 31 + 2);
            HeadNetwork network = HeadNetwork.initialise(inputs, head.hiddenLayers(), outputs, head.activation(),
                    output, head.dropout(), init);
            Loss loss = LossFactory.create(head, train.y());
            Optimizer optimizer = new Optimizer(head.optimizer(), network.parameters(), network.decayMask());
            int n = train.rows();
            int batch = Math.min(params.batchSizeFor(n), n);
            long stepsPerEpoch = (n + batch - 1) / batch;
            long totalSteps = stepsPerEpoch * params.epochs();
            double peak = params.learningRate() != null ? params.learningRate() : head.optimizer().learningRate();
            LearningRateSchedule schedule = new LearningRateSchedule(peak,
                    Math.round(params.warmupFraction() * totalSteps), totalSteps, params.finalLearningRateFraction());

            Metric metric = stoppingMetric(request.task());
            float[][] xBatch = new float[batch][];
            float[][] yBatch = new float[batch][outputs];
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            List<EpochRecord> history = new ArrayList<>();
            HeadWeights best = null;
            double bestValue = Double.NaN;
            double bestLogLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            boolean stoppedEarly = false;
            long step = 0;
            long lastEvent = start;
            double lr = peak;
            for (int epoch = 1; epoch <= params.epochs(); epoch++) {
                shuffle(order, shuffle);
                double lossSum = 0;
                for (int from = 0; from < n; from += batch) {
                    if (cancellation.isCancelled()) {
                        throw new TrainingCancelledException(epoch, step);
                    }
                    int rows = Math.min(batch, n - from);
                    for (int r = 0; r < rows; r++) {
                        int row = order[from + r];
                        xBatch[r] = train.x()[row]; // rows are read, never written: no copy needed
                        train.y().write(row, yBatch[r], 0);
                    }
                    double value = network.forwardBackward(xBatch, yBatch, rows, loss, dropout, ops);
                    if (!Double.isFinite(value)) {
                        throw new TrainingFailedException("training diverged in epoch " + epoch + " at step " + step
                                + ": the loss is " + value + " (learning rate " + lr + "); lower the learning rate "
                                + "or check the features' scale");
                    }
                    lr = schedule.at(step);
                    optimizer.step(network.gradients(), lr);
                    step++;
                    lossSum += value * rows;
                    long now = System.nanoTime();
                    if (now - lastEvent >= PROGRESS_INTERVAL_NANOS) {
                        lastEvent = now;
                        listener.onProgress(progress(epoch, step, totalSteps, lossSum / (from + rows), Map.of(),
                                bestEpoch, false));
                    }
                }
                if (!network.finite()) { // the last update of the epoch can overflow after a finite loss
                    throw new TrainingFailedException("training diverged in epoch " + epoch + ": the weights are no "
                            + "longer finite (learning rate " + lr + "); lower the learning rate or check the features' scale");
                }
                double trainLoss = lossSum / n;
                Map<String, Double> metrics = Map.of();
                if (validation != null) {
                    Evaluation evaluation = Evaluator.evaluate(network.predict(validation.x(), ops), validation.y(),
                            defaultDecisions, "validation");
                    metrics = evaluation.summary();
                    double value = comparable(evaluation, metric);
                    // on a tie (a metric saturated at 1.0 from the first epoch) the lower log-loss wins,
                    // so that training goes on while the model still gets better
                    if (best == null || improves(value, bestValue, metric)
                            || (value == bestValue && evaluation.logLoss() < bestLogLoss)) {
                        best = network.weights();
                        bestValue = value;
                        bestLogLoss = evaluation.logLoss();
                        bestEpoch = epoch;
                    }
                } else {
                    bestEpoch = epoch;
                }
                history.add(new EpochRecord(epoch, trainLoss, lr, metrics, millisSince(start)));
                listener.onProgress(progress(epoch, step, totalSteps, trainLoss, metrics, bestEpoch, true));
                lastEvent = System.nanoTime();
                if (validation != null && params.patience() > 0 && epoch - bestEpoch >= params.patience()
                        && epoch < params.epochs()) {
                    stoppedEarly = true;
                    break;
                }
            }
            if (validation != null && params.patience() > 0) {
                network.load(best);
            } else {
                bestEpoch = history.size();
            }
            return finish(network, history, bestEpoch, stoppedEarly, batch, step, schedule);
        }

        private TrainedHead finish(HeadNetwork network, List<EpochRecord> history, int bestEpoch, boolean stoppedEarly,
                                   int batch, long steps, LearningRateSchedule schedule) {
            DecisionPolicy policy = request.task().decisionPolicy();
            Evaluation evaluation;
            HeadWeights weights = network.weights();
            Calibration calibration = null;
            if (validation != null) {
                float[][] raw = network.predict(validation.x(), ops);
                float[][] probabilities = raw;
                if (request.calibrate()) {
                    OutputKind output = weights.output();
                    double temperature = TemperatureScaling.fit(raw, validation.y(), output);
                    probabilities = TemperatureScaling.apply(raw, output, temperature);
                    weights = TemperatureScaling.scale(weights, temperature);
                    calibration = calibration(temperature, "validation", raw, probabilities, validation.y());
                }
                policy = tuned(policy, probabilities);
                evaluation = Evaluator.evaluate(probabilities, validation.y(),
                        new DecisionApplier(request.task().kind(), train.y().labels(), policy), "validation");
            } else {
                evaluation = Evaluator.evaluate(network.predict(train.x(), ops), train.y(), defaultDecisions, "training");
            }
            return new TrainedHead(weights, request.task().kind(), train.y().labels(), policy, evaluation,
                    request.task().primaryMetric(), history, bestEpoch, stoppedEarly, params.seed(),
                    batch, steps, schedule, stoppingMetric(request.task()), calibration);
        }

        private Calibration calibration(double temperature, String fittedOn, float[][] before, float[][] after,
                                        Targets truth) {
            Evaluation b = Evaluator.evaluate(before, truth, defaultDecisions, fittedOn);
            Evaluation a = Evaluator.evaluate(after, truth, defaultDecisions, fittedOn);
            return new Calibration(temperature, fittedOn, truth.rows(), b.expectedCalibrationError(),
                    a.expectedCalibrationError(), b.logLoss(), a.logLoss());
        }

        private DecisionPolicy tuned(DecisionPolicy policy, float[][] probabilities) {
            return tunedPolicy(request.task(), policy, probabilities, validation.y());
        }

        private TrainingProgress progress(int epoch, long step, long totalSteps, double loss, Map<String, Double> metrics,
                                          int bestEpoch, boolean epochEnd) {
            long elapsed = millisSince(start);
            long eta = step == 0 ? 0 : (long) ((double) elapsed / step * (totalSteps - step));
            return new TrainingProgress(epoch, params.epochs(), step, totalSteps, loss, metrics, bestEpoch, elapsed,
                    eta, epochEnd);
        }
    }

    /**
     * The task's policy with its binary threshold tuned on held-out probabilities (tune on calibrated
     * ones: the threshold is then a probability that means what it says).
     */
    public static DecisionPolicy tunedPolicy(TaskSpec task, DecisionPolicy policy, float[][] probabilities, Targets truth) {
        if (!(policy instanceof DecisionPolicy.Threshold threshold)
                || task.kind() != TaskKind.BINARY
                || threshold.tuning().objective() == ThresholdTuning.Objective.NONE) {
            return policy;
        }
        int positive = truth.labels().indexOf(threshold.positiveLabel());
        double[] scores = new double[probabilities.length];
        boolean[] positives = new boolean[probabilities.length];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = probabilities[r][positive];
            positives[r] = truth.has(r, positive);
        }
        double value = ThresholdTuner.tune(threshold.tuning(), scores, positives, threshold.threshold());
        return new DecisionPolicy.Threshold(threshold.positiveLabel(), value, threshold.tuning());
    }

    /**
     * The metric early stopping compares: the primary metric, except on a binary task with a
     * threshold decision whose primary metric depends on the threshold (accuracy, F1, macro-F1):
     * during training the threshold is not tuned yet, so such a metric moves with the untuned
     * cut-off rather than with the model; PR-AUC (threshold-free, and sensitive to the positive
     * class the threshold will be tuned for) is compared instead.
     */
    public static Metric stoppingMetric(TaskSpec task) {
        Metric primary = task.primaryMetric();
        boolean thresholdDependent = primary == Metric.ACCURACY || primary == Metric.F1 || primary == Metric.MACRO_F1;
        return task.kind() == TaskKind.BINARY && task.decisionPolicy() instanceof DecisionPolicy.Threshold
                && thresholdDependent ? Metric.PR_AUC : primary;
    }

    /** The value early stopping compares: the metric, or the log-loss when it is undefined here. */
    static double comparable(Evaluation evaluation, Metric metric) {
        double value = evaluation.value(metric);
        return Double.isNaN(value) ? -evaluation.logLoss() * (metric.higherIsBetter() ? 1 : -1) : value;
    }

    static boolean improves(double value, double best, Metric metric) {
        if (Double.isNaN(best)) {
            return !Double.isNaN(value);
        }
        return metric.higherIsBetter() ? value > best : value < best;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
