package org.baihua.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.baihua.core.encoder.EmbeddingCache;
import org.baihua.core.encoder.Embedding;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.TextEncoder;

/**
 * Embeds one partition of texts in batches with the host's encoder (same model, same long-text
 * strategy, so the same vectors as the host computes) and emits one row per text: the cache key
 * (SHA-256 of the text), the vector as little-endian floats, its token count and whether it was truncated.
 */
final class EmbedPartition implements MapPartitionsFunction<String, Row> {

    private static final long serialVersionUID = 1L;

    /** The rows' schema. */
    static final StructType SCHEMA = new StructType()
            .add("text_sha256", DataTypes.BinaryType, false)
            .add("vector", DataTypes.BinaryType, false)
            .add("tokens", DataTypes.IntegerType, false)
            .add("truncated", DataTypes.BooleanType, false);

    private final Map<String, String> encoderSettings;
    private final String encoderId;
    private final LongText strategy;
    private final int batchSize;

    EmbedPartition(Map<String, String> encoderSettings, String encoderId, LongText strategy, int batchSize) {
        this.encoderSettings = Map.copyOf(encoderSettings);
        this.encoderId = encoderId;
        this.strategy = strategy;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<String> texts) {
        TextEncoder encoder = ExecutorEncoders.get(encoderSettings).get(encoderId, strategy);
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < out.size()) {
                    return true;
                }
                out.clear();
                next = 0;
                List<String> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && texts.hasNext()) {
                    batch.add(texts.next());
                }
                if (batch.isEmpty()) {
                    return false;
                }
                List<Embedding> embedded = encoder.embedDetailed(batch);
                for (int i = 0; i < batch.size(); i++) {
                    Embedding e = embedded.get(i);
                    out.add(RowFactory.create(EmbeddingCache.keyOf(batch.get(i)).bytes(), Vectors.encode(e.vector()),
                            e.tokens(), e.truncated()));
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
}
