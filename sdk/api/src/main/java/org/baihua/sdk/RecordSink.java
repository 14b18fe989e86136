package org.baihua.sdk;

/**
 * Where a {@link DataAdapter} sends what it reads. Every row ends up in exactly one of the two
 * methods: a row that cannot be read is rejected with its line and the reason, never dropped.
 */
public interface RecordSink {

    /** A record read from the source. */
    void accept(DataRecord record);

    /**
     * A row that could not be read.
     *
     * @param line the 1-based line (or entry number) in the source
     * @param reason what is wrong with it, for the person who owns the file
     */
    void reject(long line, String reason);
}
