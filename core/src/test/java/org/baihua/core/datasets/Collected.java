package org.baihua.core.datasets;

import org.baihua.core.registry.RejectedRow;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/** A sink that keeps everything, for adapter tests. */
final class Collected implements RecordSink {
    final List<DataRecord> records = new ArrayList<>();
    final List<RejectedRow> rejected = new ArrayList<>();

    @Override
    public void accept(DataRecord record) {
        records.add(record);
    }

    @Override
    public void reject(long line, String reason) {
        rejected.add(new RejectedRow(line, reason));
    }
}
