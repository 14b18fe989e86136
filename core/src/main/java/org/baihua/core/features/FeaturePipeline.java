package org.baihua.core.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.TextEncoder;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;

/**
 * Fits the feature pipeline of a task on its training split: statistics of numeric fields,
 * vocabularies of categorical fields, and the text encoder's identity. The result is a
 * {@link FittedPipeline} whose {@link PipelineState} is stored with the model version.
 */
public final class FeaturePipeline {

    /** Categorical values kept per field, most frequent first; rarer ones share the 'other' slot. */
    public static final int MAX_VOCABULARY = 1_000;

    private FeaturePipeline() {}

    /**
     * Fits the pipeline of {@code task} on {@code training}.
     *
     * @param encoder the shared text encoder; may be null only when the task has no text field
     * @throws IllegalArgumentException when the training set is empty, a numeric field has no value
     *     at all or holds NaN/Inf or text that is not a number (naming the field and line)
     */
    public static FittedPipeline fit(TaskSpec task, List<DataRecord> training, TextEncoder encoder) {
        return fit(task, training, encoder, LongText.TRUNCATE);
    }

    /**
     * Fits the pipeline of {@code task} on {@code training} with an encoder that handles long texts by
     * {@code longText}; the strategy is kept in the state, so that serving handles them the same way.
     *
     * @param encoder the shared text encoder, bound to {@code longText}; may be null only when the task has no text field
     */
    public static FittedPipeline fit(TaskSpec task, List<DataRecord> training, TextEncoder encoder, LongText longText) {
        Objects.requireNonNull(task, "task is null");
        Objects.requireNonNull(longText, "longText is null");
        Objects.requireNonNull(training, "training is null");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("task '" + task.id() + "': the training split is empty");
        }
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        if (hasText && encoder == null) {
            throw new IllegalArgumentException("task '" + task.id() + "' has text fields but no text encoder was given");
        }
        // one pass over the training records for every field: they may be streamed from disk
        Map<String, Welford> numeric = new HashMap<>();
        Map<String, Map<String, Long>> categorical = new HashMap<>();
        for (FieldSpec field : task.inputs()) {
            switch (field.type()) {
                case NUMERIC -> numeric.put(field.name(), new Welford());
                case CATEGORICAL -> categorical.put(field.name(), new HashMap<>());
                case TEXT -> { }
            }
        }
        long records = 0;
        for (DataRecord record : training) {
            records++;
            numeric.forEach((name, stats) -> stats.add(FittedPipeline.finiteNumber(record, name)));
            categorical.forEach((name, counts) -> {
                String value = record.text(name);
                if (value != null) {
                    counts.merge(value, 1L, Long::sum);
                }
            });
        }
        List<FieldEncoding> fields = new ArrayList<>();
        int offset = 0;
        for (FieldSpec field : task.inputs()) {
            FieldEncoding encoding = switch (field.type()) {
                case TEXT -> new FieldEncoding(field.name(), FieldType.TEXT, offset, encoder.dimensions(), null, null, null);
                case NUMERIC -> numeric.get(field.name()).encoding(field.name(), offset, records);
                case CATEGORICAL -> categorical(field.name(), offset, categorical.get(field.name()));
            };
            fields.add(encoding);
            offset += encoding.width();
        }
        PipelineState state = new PipelineState(task.id(), hasText ? encoder.id() : null,
                hasText ? encoder.dimensions() : 0, offset, fields,
                hasText && longText != LongText.TRUNCATE ? longText.key() : null);
        return new FittedPipeline(state, hasText ? encoder : null);
    }

    /**
     * Fits the pipeline with the shared encoder {@code encoderId}, found through {@code encoders}
     * only when the task has a text field.
     */
    public static FittedPipeline fit(TaskSpec task, List<DataRecord> training, EncoderLookup encoders, String encoderId) {
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        return fit(task, training, hasText ? encoders.encoder(encoderId, LongText.TRUNCATE) : null);
    }

    /** Mean and standard deviation in one pass (Welford's algorithm: no catastrophic cancellation for large values). */
    private static final class Welford {
        private long n;
        private double mean;
        private double m2;

        void add(Double value) {
            if (value == null) {
                return;
            }
            n++;
            double delta = value - mean;
            mean += delta / n;
            m2 += delta * (value - mean);
        }

        FieldEncoding encoding(String name, int offset, long records) {
            if (n == 0) {
                throw new IllegalArgumentException("numeric field '" + name + "' has no value in any of the "
                        + records + " training records");
            }
            double std = Math.sqrt(m2 / n);
            if (!(std > 1e-12) || !Double.isFinite(std)) {
                std = 1.0; // a constant field carries no information; keep it at 0 instead of dividing by 0
            }
            return new FieldEncoding(name, FieldType.NUMERIC, offset, 2, mean, std, null);
        }
    }

    private static FieldEncoding categorical(String name, int offset, Map<String, Long> counts) {
        List<String> vocabulary = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_VOCABULARY)
                .map(Map.Entry::getKey)
                .toList();
        return new FieldEncoding(name, FieldType.CATEGORICAL, offset, vocabulary.size() + 2, null, null, vocabulary);
    }
}
