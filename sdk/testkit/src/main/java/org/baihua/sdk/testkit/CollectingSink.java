package org.baihua.sdk.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;

/**
 * A {@link RecordSink} that keeps everything an adapter reports, in order, for assertions in a
 * plugin's own adapter tests: {@code adapter.read(in, options, sink)}, then look at
 * {@link #records()} and {@link #rejections()}. Not thread-safe: one adapter run per sink.
 */
public final class CollectingSink implements RecordSink {

    /**
     * A rejected row.
     *
     * @param line the line the adapter named
     * @param reason the reason it gave
     */
    public record Rejection(long line, String reason) {}

    private final List<DataRecord> records = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final List<Long> reportedLines = new ArrayList<>();

    @Override
    public void accept(DataRecord record) {
        records.add(record);
        reportedLines.add(record.line());
    }

    @Override
    public void reject(long line, String reason) {
        rejections.add(new Rejection(line, reason));
        reportedLines.add(line);
    }

    /** The records accepted, in the order reported; a live, unmodifiable view. */
    public List<DataRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** The rows rejected, in the order reported; a live, unmodifiable view. */
    public List<Rejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    /** Every line reported, accepted or rejected, in the order reported; a live, unmodifiable view. */
    public List<Long> reportedLines() {
        return Collections.unmodifiableList(reportedLines);
    }

    /**
     * The reason given for a line.
     *
     * @throws AssertionError when the line was not rejected exactly once
     */
    public String reasonFor(long line) {
        List<String> reasons = rejections.stream().filter(r -> r.line() == line).map(Rejection::reason).toList();
        if (reasons.size() != 1) {
            throw new AssertionError("expected one rejection of line " + line + ", got " + reasons + " in " + rejections);
        }
        return reasons.get(0);
    }
}
