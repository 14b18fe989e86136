package org.baihua.plugins.medical.testing;

import java.util.ArrayList;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/** A sink that keeps what an adapter sends, for assertions. */
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

    /** The reason given for a line, failing when there is not exactly one. */
    public String reasonFor(long line) {
        List<String> reasons = rejections.stream().filter(r -> r.line() == line).map(Rejection::reason).toList();
        if (reasons.size() != 1) {
            throw new AssertionError("expected one rejection of line " + line + ", got " + reasons + " in " + rejections);
        }
        return reasons.get(0);
    }
}
