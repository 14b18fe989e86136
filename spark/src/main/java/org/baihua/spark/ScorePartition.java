package org.baihua.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.baihua.core.batch.BatchColumns;
import org.baihua.core.batch.PackedVersion;
import org.baihua.core.inference.Prediction;
import org.baihua.core.inference.VersionScorer;
import org.baihua.sdk.DataRecord;

/**
 * Scores one partition in batches through the host's {@link VersionScorer}: each output row is the
 * input row followed by the columns of {@link BatchColumns}. Rows are pulled lazily, so a
 * partition of any size takes the memory of one batch.
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<PackedVersion> version;
    private final String[] columns;
    private final String mapping;
    private final boolean explain;
    private final int batchSize;

    ScorePartition(Broadcast<PackedVersion> version, String[] columns, String mapping, boolean explain, int batchSize) {
        this.version = version;
        this.columns = columns.clone();
        this.mapping = mapping;
        this.explain = explain;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        VersionScorer scorer = ExecutorScorers.get(version.value(), mapping);
        List<String> labels = scorer.labels();
        ObjectMapper json = new ObjectMapper();
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;
            private long line;

            @Override
            public boolean hasNext() {
                if (next < out.size()) {
                    return true;
                }
                out.clear();
                next = 0;
                List<Row> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && input.hasNext()) {
                    batch.add(input.next());
                }
                if (batch.isEmpty()) {
                    return false;
                }
                List<DataRecord> records = new ArrayList<>(batch.size());
                List<String> unreadable = new ArrayList<>(batch.size());
                for (Row row : batch) {
                    line++;
                    try {
                        records.add(new DataRecord(line, values(row)));
                        unreadable.add(null);
                    } catch (IllegalArgumentException e) {
                        records.add(DataRecord.of(Map.of()));
                        unreadable.add(e.getMessage());
                    }
                }
                List<VersionScorer.Outcome> outcomes = scorer.score(records, explain);
                for (int i = 0; i < batch.size(); i++) {
                    VersionScorer.Outcome outcome = unreadable.get(i) != null
                            ? new VersionScorer.Outcome(null, unreadable.get(i)) : outcomes.get(i);
                    Map<String, Object> added = BatchColumns.values(labels, explain, outcome, e -> explanation(json, e));
                    Row row = batch.get(i);
                    Object[] values = new Object[row.length() + added.size()];
                    for (int c = 0; c < row.length(); c++) {
                        values[c] = row.get(c);
                    }
                    int c = row.length();
                    for (Object value : added.values()) {
                        values[c++] = value;
                    }
                    out.add(RowFactory.create(values));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }
        };
    }

    /** A Spark row as a record's values: text and numbers as they are, booleans and anything else as text. */
    private Map<String, Object> values(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int c = 0; c < columns.length; c++) {
            Object value = row.get(c);
            if (value == null) {
                continue;
            }
            values.put(columns[c], value instanceof String || value instanceof Number ? value : value.toString());
        }
        return values;
    }

    private static String explanation(ObjectMapper json, Prediction.Explanation explanation) {
        try {
            return json.writeValueAsString(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise an explanation", e);
        }
    }
}
