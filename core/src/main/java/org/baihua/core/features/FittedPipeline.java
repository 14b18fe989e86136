package org.baihua.core.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.baihua.core.encoder.TextEncoder;
import org.baihua.sdk.DataRecord;

/**
 * A feature pipeline with its fitted state: turns records into float vectors, identically in
 * training and serving. Thread-safe (immutable; the encoder is thread-safe by contract).
 */
public final class FittedPipeline {

    private final PipelineState state;
    private final TextEncoder encoder;
    private final List<Map<String, Integer>> slots = new ArrayList<>();

    /**
     * @param encoder the encoder named by the state, or null when the state has no text field
     * @throws IllegalArgumentException if the encoder is missing or differs from the one fitted
     */
    public FittedPipeline(PipelineState state, TextEncoder encoder) {
        this.state = Objects.requireNonNull(state, "state is null");
        if (state.needsEncoder()) {
            Objects.requireNonNull(encoder, "pipeline of task '" + state.taskId() + "' needs text encoder '"
                    + state.encoderId() + "'");
            if (!state.encoderId().equals(encoder.id()) || encoder.dimensions() != state.encoderDimensions()) {
                throw new IllegalArgumentException("pipeline of task '" + state.taskId() + "' was fitted with encoder '"
                        + state.encoderId() + "' (" + state.encoderDimensions() + " dimensions), not '" + encoder.id()
                        + "' (" + encoder.dimensions() + ")");
            }
        }
        this.encoder = state.needsEncoder() ? encoder : null;
        for (FieldEncoding field : state.fields()) {
            Map<String, Integer> index = new HashMap<>();
            if (field.vocabulary() != null) {
                for (int i = 0; i < field.vocabulary().size(); i++) {
                    index.put(field.vocabulary().get(i), i);
                }
            }
            slots.add(index);
        }
    }

    /** Restores a stored pipeline, finding its text encoder through {@code encoders}. */
    public static FittedPipeline restore(PipelineState state, EncoderLookup encoders) {
        Objects.requireNonNull(state, "state is null");
        return new FittedPipeline(state, state.needsEncoder() ? encoders.encoder(state.encoderId()) : null);
    }

    /** The fitted state, to store with the model version. */
    public PipelineState state() {
        return state;
    }

    /** Width of the feature vectors. */
    public int dimensions() {
        return state.dimensions();
    }

    /** One name per feature slot, for explanations, e.g. {@code age}, {@code age:missing}, {@code colour=red}. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(state.dimensions());
        for (FieldEncoding field : state.fields()) {
            switch (field.type()) {
                case TEXT -> {
                    for (int i = 0; i < field.width(); i++) {
                        names.add(field.name() + "[" + i + "]");
                    }
                }
                case NUMERIC -> {
                    names.add(field.name());
                    names.add(field.name() + ":missing");
                }
                case CATEGORICAL -> {
                    field.vocabulary().forEach(v -> names.add(field.name() + "=" + v));
                    names.add(field.name() + ":other");
                    names.add(field.name() + ":missing");
                }
            }
        }
        return names;
    }

    /** Transforms one record. */
    public float[] transform(DataRecord record) {
        return transform(List.of(record))[0];
    }

    /**
     * Transforms records into one feature vector each, in order.
     *
     * @throws IllegalArgumentException naming the line and field of a value that cannot be encoded
     */
    public float[][] transform(List<DataRecord> records) {
        return transform(records, new TextStats());
    }

    /**
     * Transforms records as {@link #transform(List)} does, counting the texts embedded and truncated into {@code stats}.
     *
     * @throws IllegalArgumentException naming the line and field of a value that cannot be encoded
     */
    public float[][] transform(List<DataRecord> records, TextStats stats) {
        Objects.requireNonNull(records, "records is null");
        Objects.requireNonNull(stats, "stats is null");
        float[][] out = new float[records.size()][state.dimensions()];
        for (int f = 0; f < state.fields().size(); f++) {
            FieldEncoding field = state.fields().get(f);
            switch (field.type()) {
                case TEXT -> encodeText(field, records, out, stats);
                case NUMERIC -> encodeNumeric(field, records, out);
                case CATEGORICAL -> encodeCategorical(field, slots.get(f), records, out);
            }
        }
        return out;
    }

    private void encodeText(FieldEncoding field, List<DataRecord> records, float[][] out, TextStats stats) {
        List<String> texts = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            String text = records.get(r).text(field.name());
            if (text != null) { // a missing optional text stays a zero vector
                texts.add(text);
                rows.add(r);
            }
        }
        if (texts.isEmpty()) {
            return;
        }
        List<org.baihua.core.encoder.Embedding> embedded = encoder.embedDetailed(texts);
        stats.add(embedded);
        float[][] vectors = embedded.stream().map(org.baihua.core.encoder.Embedding::vector).toArray(float[][]::new);
        if (vectors.length != texts.size()) {
            throw new IllegalStateException("encoder '" + encoder.id() + "' returned " + vectors.length
                    + " vectors for " + texts.size() + " texts");
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != field.width()) {
                throw new IllegalStateException("encoder '" + encoder.id() + "' returned a vector of "
                        + vectors[i].length + " dimensions for field '" + field.name() + "', expected " + field.width());
            }
            System.arraycopy(vectors[i], 0, out[rows.get(i)], field.offset(), field.width());
        }
    }

    private static void encodeNumeric(FieldEncoding field, List<DataRecord> records, float[][] out) {
        for (int r = 0; r < records.size(); r++) {
            Double value = finiteNumber(records.get(r), field.name());
            if (value == null) {
                out[r][field.offset() + 1] = 1f; // imputed with the mean, which standardises to 0
            } else {
                out[r][field.offset()] = (float) ((value - field.mean()) / field.std());
            }
        }
    }

    private static void encodeCategorical(FieldEncoding field, Map<String, Integer> index, List<DataRecord> records,
                                          float[][] out) {
        for (int r = 0; r < records.size(); r++) {
            String value = records.get(r).text(field.name());
            int slot = value == null ? field.missingSlot() : index.getOrDefault(value, field.otherSlot());
            out[r][field.offset() + slot] = 1f;
        }
    }

    /** The field as a finite number, or null when missing; NaN and infinities are errors. */
    static Double finiteNumber(DataRecord record, String name) {
        Double value = record.number(name);
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("line " + record.line() + ": numeric field '" + name + "' is " + value
                    + "; leave the value empty to mark it missing");
        }
        return value;
    }
}
