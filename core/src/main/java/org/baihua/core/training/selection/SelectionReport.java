package org.baihua.core.training.selection;

import java.util.List;
import org.baihua.core.training.eval.Calibration;
import org.baihua.sdk.Metric;

/**
 * What the model selection did, stored in a version's metrics as {@code crossValidation}.
 *
 * @param metric the metric compared (the task's primary metric)
 * @param folds k
 * @param repeats repetitions of the k folds
 * @param seed the seed of the folds
 * @param rows rows cross-validated (train + validation)
 * @param candidates every candidate's score, in the order tried (the designed head first)
 * @param chosen the chosen candidate's name
 * @param mean the chosen candidate's mean over the folds
 * @param std the chosen candidate's standard deviation over the folds
 * @param refitEpochs epochs of the refit: the median of the chosen candidate's best epochs
 * @param refitRows rows the chosen configuration was refit on: all of {@code rows}
 * @param calibration the temperature fitted on the chosen candidate's out-of-fold probabilities
 */
public record SelectionReport(Metric metric, int folds, int repeats, long seed, int rows, List<CandidateScore> candidates,
                              String chosen, double mean, double std, int refitEpochs, int refitRows,
                              Calibration calibration) {

    public SelectionReport {
        candidates = List.copyOf(candidates);
    }
}
