package org.baihua.formats;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a record longer than {@link #MAX_RECORD_CHARS} characters while it is read, so that an
 * unterminated CSV quote or a JSON line without an end cannot pull the rest of a large file into
 * one string: memory stays bounded by one record, whatever the file's size. The adapter marks each
 * record's end with {@link #boundary()}; what a buffered reader read ahead of that (up to the
 * CSV adapter's 1 MiB first-line buffer) counts towards the record before, so the bound is approximate by that much.
 */
final class BoundedRecords extends FilterReader {

    /** Longest record read: 4 Mi characters, forty times the longest text a prediction takes by default. */
    static final int MAX_RECORD_CHARS = 4 << 20;

    private final long max;
    private long read;
    private long boundary;

    BoundedRecords(Reader in) {
        this(in, MAX_RECORD_CHARS);
    }

    BoundedRecords(Reader in, long max) {
        super(in);
        this.max = max;
    }

    /** The current record ended: the next one starts counting. */
    void boundary() {
        boundary = read;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read - boundary > max) {
            throw new IOException("a record is longer than " + max + " characters (an unterminated quote, or a line without"
                    + " its end?)");
        }
    }
}
