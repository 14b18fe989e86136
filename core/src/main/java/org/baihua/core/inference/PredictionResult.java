package org.baihua.core.inference;

import java.util.List;

/**
 * The answer to a predict call.
 *
 * @param model the model
 * @param version the version that answered
 * @param predictions one per record, in order
 */
public record PredictionResult(String model, int version, List<Prediction> predictions) {}
