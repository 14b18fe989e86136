package org.baihua.sdk.testkit;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/** Keeps what an adapter reports, in order. */
final class CollectingSink implements RecordSink {

    /** A rejected row. */
    record Rejection(long line, String reason) {}

    final List<DataRecord> accepted = new ArrayList<>();
    final List<Rejection> rejected = new ArrayList<>();
    /** Lines in the order they were reported, accepted or rejected. */
    final List<Long> reportedLines = new ArrayList<>();

    @Override
    public void accept(DataRecord record) {
        accepted.add(record);
        reportedLines.add(record.line());
    }

    @Override
    public void reject(long line, String reason) {
        rejected.add(new Rejection(line, reason));
        reportedLines.add(line);
    }
}
