package org.baihua.core.features;

import java.util.List;
import java.util.Objects;
import org.baihua.core.encoder.LongText;

/**
 * Everything a fitted {@link FittedPipeline} needs to transform records again, as plain
 * JSON-serialisable data (pipeline.json of a model version).
 *
 * @param taskId the task the pipeline was fitted for
 * @param encoderId the shared text encoder used for text fields, or null when the task has none
 * @param encoderDimensions width of that encoder's vectors (0 without text fields)
 * @param dimensions width of the feature vector
 * @param fields one encoding per input field, in feature-vector order
 * @param longText how the encoder handles texts longer than its window ({@code chunk}, {@code head-tail});
 *     null for truncation, as in pipelines stored before strategies existed
 */
public record PipelineState(String taskId, String encoderId, int encoderDimensions, int dimensions,
                            List<FieldEncoding> fields, String longText) {

    /** A state whose encoder truncates long texts. */
    public PipelineState(String taskId, String encoderId, int encoderDimensions, int dimensions, List<FieldEncoding> fields) {
        this(taskId, encoderId, encoderDimensions, dimensions, fields, null);
    }

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
        if (longText != null) {
            LongText.parse(longText);
        }
        if (expected != dimensions) {
            throw new IllegalArgumentException("fields cover " + expected + " dimensions, state says " + dimensions);
        }
    }

    /** The long-text strategy the encoder is used with. */
    public LongText longTextStrategy() {
        return longText == null ? LongText.TRUNCATE : LongText.parse(longText);
    }

    /** Whether a text encoder is needed to apply this state. */
    public boolean needsEncoder() {
        return encoderId != null;
    }
}
