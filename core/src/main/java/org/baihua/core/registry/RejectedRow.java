package org.baihua.core.registry;

/**
 * A source row that ingest could not use.
 *
 * @param line the 1-based line (or entry number) in the source; 0 when unknown
 * @param reason what is wrong with it
 */
public record RejectedRow(long line, String reason) {

    public RejectedRow {
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason of rejected line " + line + " is blank");
        }
    }
}
