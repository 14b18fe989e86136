package org.baihua.core.features;

import java.util.List;
import java.util.Objects;

/**
 * Everything a fitted {@link FittedPipeline} needs to transform records again, as plain
 * JSON-serialisable data (pipeline.json of a model version).
 *
 * @param taskId the task the pipeline was fitted for
 * @param encoderId the shared text encoder used for text fields, or null when the task has none
 * @param encoderDimensions width of that encoder's vectors (0 without text fields)
 * @param dimensions width of the feature vector
 * @param fields one encoding per input field, in feature-vector order
 */
public record PipelineState(String taskId, String encoderId, int encoderDimensions, int dimensions,
                            List<FieldEncoding> fields) {

    public PipelineState {
        Objects.requireNonNull(taskId, "taskId is null");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
        int expected = 0;
        for (FieldEncoding field : fields) {
            if (field.offset() != expected) {
                throw new IllegalArgumentException("field '" + field.name() + "' starts at " + field.offset()
                        + ", expected " + expected);
            }
            expected += field.width();
        }
        if (expected != dimensions) {
            throw new IllegalArgumentException("fields cover " + expected + " dimensions, state says " + dimensions);
        }
    }

    /** Whether a text encoder is needed to apply this state. */
    public boolean needsEncoder() {
        return encoderId != null;
    }
}
