package org.baihua.core.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a predict call.
 *
 * @param model the model
 * @param version the version that answered
 * @param predictions one per record, in order
 * @param warnings what the caller should know but did not stop the call, such as a field the task
 *     does not have (omitted from JSON when empty)
 */
public record PredictionResult(String model, int version, List<Prediction> predictions,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

    public PredictionResult {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** An answer without warnings. */
    public PredictionResult(String model, int version, List<Prediction> predictions) {
        this(model, version, predictions, List.of());
    }
}
