package org.baihua.core.training;

import java.util.List;
import java.util.Objects;
import org.baihua.core.training.eval.Calibration;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.TemperatureScaling;
import org.baihua.core.training.nn.HeadWeights;
import org.baihua.core.training.nn.LearningRateSchedule;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;

/**
 * The result of a training run: the final weights, the decision policy tuned on validation, and the
 * evaluation that goes with them.
 *
 * @param weights the weights kept (the best epoch's when early stopping was on)
 * @param kind the task kind
 * @param labels labels in output order
 * @param decisionPolicy the policy to serve with (a binary threshold tuned on the validation split)
 * @param evaluation metrics under that policy, on the validation split (or the training split without one)
 * @param primaryMetric the task's primary metric
 * @param history one record per epoch run
 * @param bestEpoch the epoch whose weights were kept, 1-based
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param seed the seed used
 * @param batchSize the examples per update used
 * @param steps the optimisation steps run
 * @param schedule the learning-rate schedule followed (peak, warm-up, planned steps, final share)
 * @param stoppingMetric the metric early stopping compared
 * @param calibration the temperature folded into {@code weights} and its effect, or null when not calibrated
 */
public record TrainedHead(HeadWeights weights, TaskKind kind, List<String> labels, DecisionPolicy decisionPolicy,
                          Evaluation evaluation, Metric primaryMetric, List<EpochRecord> history, int bestEpoch,
                          boolean stoppedEarly, long seed, int batchSize, long steps, LearningRateSchedule schedule,
                          Metric stoppingMetric, Calibration calibration) {

    public TrainedHead {
        Objects.requireNonNull(weights, "weights is null");
        Objects.requireNonNull(schedule, "schedule is null");
        labels = List.copyOf(labels);
        history = List.copyOf(history);
    }

    /** Epochs actually run. */
    public int epochsRun() {
        return history.size();
    }

    /** The weights before calibration (the calibration's temperature taken out again). */
    public HeadWeights uncalibratedWeights() {
        return calibration == null || calibration.temperature() == 1 ? weights
                : TemperatureScaling.scale(weights, 1 / calibration.temperature());
    }

    /** This head with other (calibrated) weights, the policy that goes with them and their calibration. */
    public TrainedHead recalibrated(HeadWeights calibrated, DecisionPolicy policy, Calibration applied) {
        return new TrainedHead(calibrated, kind, labels, policy, evaluation, primaryMetric, history, bestEpoch,
                stoppedEarly, seed, batchSize, steps, schedule, stoppingMetric, applied);
    }

    /** A runner of these weights on the engine's own kernels. */
    public HeadRunner javaRunner() {
        return new JavaHead(weights);
    }
}
