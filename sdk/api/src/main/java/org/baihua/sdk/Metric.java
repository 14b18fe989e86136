package org.baihua.sdk;

/** The metrics a task can name as its primary one (used for early stopping and model comparison). */
public enum Metric {
    ACCURACY(true),
    /** Unweighted mean of the per-class F1 scores. */
    MACRO_F1(true),
    /** F1 of the positive class (binary tasks). */
    F1(true),
    /** Area under the ROC curve; one-vs-rest mean for more than two classes. */
    ROC_AUC(true),
    /** Area under the precision-recall curve (average precision); one-vs-rest mean for more than two classes. */
    PR_AUC(true),
    /** Mean cross-entropy of the predicted probabilities. */
    LOG_LOSS(false),
    /** Mean cost per record under the task's {@link DecisionPolicy.MinimumCost} cost matrix. */
    EXPECTED_COST(false);

    private final boolean higherIsBetter;

    Metric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether a larger value of this metric means a better model. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
