package org.baihua.core.training.selection;

import java.util.List;
import org.baihua.sdk.HeadSpec;

/**
 * A candidate's cross-validated score.
 *
 * @param name the candidate's name
 * @param head its head
 * @param learningRate its peak learning rate (null: the head optimiser's)
 * @param mean mean of the primary metric over the folds' validation parts
 * @param std sample standard deviation over the folds (0 with one fold)
 * @param folds the metric of each fold, repetition by repetition
 * @param bestEpochs the epoch early stopping kept in each fold
 */
public record CandidateScore(String name, HeadSpec head, Double learningRate, double mean, double std,
                             List<Double> folds, List<Integer> bestEpochs) {

    public CandidateScore {
        folds = List.copyOf(folds);
        bestEpochs = List.copyOf(bestEpochs);
    }
}
