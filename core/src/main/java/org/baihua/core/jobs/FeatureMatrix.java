package org.baihua.core.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.baihua.core.features.FittedPipeline;
import org.baihua.core.features.TextStats;
import org.baihua.core.training.CancellationToken;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;

/**
 * The features of every row of a data set (rows &times; width floats), computed in one pass over
 * the rows a batch at a time: a batch ends at {@link #BATCH_ROWS} rows or {@link #BATCH_CHARS}
 * characters of text, so the raw records in memory are bounded whatever the texts' length.
 */
final class FeatureMatrix {

    /** Rows per batch at most (the encoder embeds a batch's texts together). */
    static final int BATCH_ROWS = 256;
    /** Characters of text (over all fields) per batch at most, so that long texts make batches shorter, not larger. */
    static final long BATCH_CHARS = 1L << 20;

    private final float[][] rows;
    private final int[] tokenCounts;

    private FeatureMatrix(float[][] rows, int[] tokenCounts) {
        this.rows = rows;
        this.tokenCounts = tokenCounts;
    }

    /**
     * Transforms {@code records} (read once, in order) with {@code pipeline}.
     *
     * @param tokenCounter counts the tokens of a batch's texts for the long-text summary; null for a task without text
     * @throws org.baihua.core.training.TrainingCancelledException when cancelled between batches
     */
    static FeatureMatrix of(List<DataRecord> records, FittedPipeline pipeline, TextStats stats,
                            Function<List<String>, int[]> tokenCounter, TaskSpec task, CancellationToken cancellation) {
        List<String> textFields = task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).map(f -> f.name()).toList();
        float[][] out = new float[records.size()][];
        IntList tokens = new IntList();
        List<DataRecord> batch = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long chars = 0;
        int done = 0;
        for (DataRecord record : records) {
            batch.add(record);
            for (String field : textFields) {
                String text = record.text(field);
                if (text != null) {
                    texts.add(text);
                    chars += text.length();
                }
            }
            if (batch.size() >= BATCH_ROWS || chars >= BATCH_CHARS) {
                done = flush(batch, texts, pipeline, stats, tokenCounter, tokens, out, done);
                chars = 0;
                if (cancellation.isCancelled()) {
                    throw new org.baihua.core.training.TrainingCancelledException(0, 0);
                }
            }
        }
        done = flush(batch, texts, pipeline, stats, tokenCounter, tokens, out, done);
        if (done != out.length) {
            throw new IllegalStateException("read " + done + " rows of a data set of " + out.length);
        }
        return new FeatureMatrix(out, tokens.toArray());
    }

    private static int flush(List<DataRecord> batch, List<String> texts, FittedPipeline pipeline, TextStats stats,
                             Function<List<String>, int[]> tokenCounter, IntList tokens, float[][] out, int done) {
        if (batch.isEmpty()) {
            return done;
        }
        float[][] features = pipeline.transform(batch, stats);
        System.arraycopy(features, 0, out, done, features.length);
        if (tokenCounter != null && !texts.isEmpty()) {
            tokens.addAll(tokenCounter.apply(texts));
        }
        int n = done + batch.size();
        batch.clear();
        texts.clear();
        return n;
    }

    /** The feature rows at {@code indices}, in that order (the arrays are shared, not copied). */
    float[][] pick(int[] indices) {
        float[][] picked = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
        }
        return picked;
    }

    /** The token count of every text embedded, for the long-text summary. */
    int[] tokenCounts() {
        return tokenCounts;
    }

    /** A growable array of ints: a count per text without a boxed Integer each. */
    static final class IntList {
        private int[] values = new int[64];
        private int size;

        void addAll(int[] more) {
            if (size + more.length > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, values, size, more.length);
            size += more.length;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
