package org.baihua.core.training;

import java.util.List;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/** Checks a training request before any work, so bad input fails with a message naming the row at fault. */
final class RequestValidator {

    private RequestValidator() {}

    static void validate(TrainingRequest request) {
        TaskSpec task = request.task();
        LabeledData train = request.train();
        if (train.rows() == 0) {
            throw new IllegalArgumentException("task '" + task.id() + "': the training set is empty");
        }
        Targets y = train.y();
        if (y.kind() != task.kind()) {
            throw new IllegalArgumentException("task '" + task.id() + "' is " + task.kind() + " but the targets are "
                    + y.kind());
        }
        if (!task.labelsFromData() && !task.labels().equals(y.labels())) {
            throw new IllegalArgumentException("task '" + task.id() + "' has labels " + task.labels()
                    + " but the targets use " + y.labels());
        }
        if (y.kind() == TaskKind.BINARY && y.width() != 2) {
            throw new IllegalArgumentException("binary task '" + task.id() + "' needs 2 labels, has " + y.labels());
        }
        int width = train.x()[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("training row 0 has no features");
        }
        checkRows("training", train, width);
        if (request.validation() != null) {
            checkRows("validation", request.validation(), width);
            if (!request.validation().y().labels().equals(y.labels())) {
                throw new IllegalArgumentException("validation labels " + request.validation().y().labels()
                        + " differ from training labels " + y.labels());
            }
        }
        long[] counts = y.counts();
        long present = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        if (y.singleLabel() && present < 2) {
            int only = 0;
            while (counts[only] == 0) {
                only++;
            }
            throw new IllegalArgumentException("task '" + task.id() + "': every training example has class '"
                    + y.labels().get(only) + "'; a classifier needs at least two classes");
        }
        if (!y.singleLabel() && present == 0) {
            throw new IllegalArgumentException("task '" + task.id() + "': no training example carries any label");
        }
        checkMetric(task, request);
    }

    private static void checkRows(String split, LabeledData data, int width) {
        float[][] x = data.x();
        for (int r = 0; r < x.length; r++) {
            if (x[r] == null || x[r].length != width) {
                throw new IllegalArgumentException(split + " row " + r + " has " + (x[r] == null ? 0 : x[r].length)
                        + " features, expected " + width);
            }
            for (int c = 0; c < width; c++) {
                if (!Float.isFinite(x[r][c])) {
                    throw new IllegalArgumentException(split + " row " + r + ", feature " + c + " is " + x[r][c]);
                }
            }
        }
    }

    private static void checkMetric(TaskSpec task, TrainingRequest request) {
        Metric metric = task.primaryMetric();
        if (metric == Metric.F1 && task.kind() != TaskKind.BINARY) {
            throw new IllegalArgumentException("task '" + task.id() + "' names F1 (of the positive class) as its "
                    + "primary metric but is " + task.kind() + "; use MACRO_F1");
        }
        if (metric == Metric.EXPECTED_COST && !(task.decisionPolicy() instanceof DecisionPolicy.MinimumCost)) {
            throw new IllegalArgumentException("task '" + task.id() + "' names EXPECTED_COST as its primary metric "
                    + "but its decision policy has no cost matrix");
        }
        if (request.head().classWeighting().mode() == org.baihua.sdk.ClassWeighting.Mode.EXPLICIT) {
            List<String> labels = request.train().y().labels();
            for (String label : request.head().classWeighting().weights().keySet()) {
                if (!labels.contains(label)) {
                    throw new IllegalArgumentException("class weighting names label '" + label + "', which is not one of "
                            + labels);
                }
            }
        }
    }
}
