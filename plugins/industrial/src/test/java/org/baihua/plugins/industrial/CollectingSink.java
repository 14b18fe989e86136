package org.baihua.plugins.industrial;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/** Keeps what an adapter reads, in order. */
public final class CollectingSink implements RecordSink {

    /** A rejected row. */
    public record Rejection(long line, String reason) {}

    public final List<DataRecord> records = new ArrayList<>();
    public final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void accept(DataRecord record) {
        records.add(record);
    }

    @Override
    public void reject(long line, String reason) {
        rejections.add(new Rejection(line, reason));
    }
}
