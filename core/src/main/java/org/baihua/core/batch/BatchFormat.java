package org.baihua.core.batch;

import java.util.Locale;
import org.baihua.core.InvalidRequestException;

/** Formats a host's batch job writes its result in (Parquet is written by baihua-spark). */
public enum BatchFormat {
    CSV("text/csv", ".csv"),
    JSONL("application/x-ndjson", ".jsonl");

    private final String contentType;
    private final String suffix;

    BatchFormat(String contentType, String suffix) {
        this.contentType = contentType;
        this.suffix = suffix;
    }

    public String contentType() {
        return contentType;
    }

    public String suffix() {
        return suffix;
    }

    /** Parses a format name; a bad one is a 400 naming {@code parameter}. */
    public static BatchFormat parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return CSV;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(parameter, parameter + " must be csv or jsonl, was '" + text + "'"
                    + ("parquet".equalsIgnoreCase(text.trim()) ? " (Parquet is written by baihua-spark: bin/baihua score --spark-master ...)" : ""));
        }
    }
}
