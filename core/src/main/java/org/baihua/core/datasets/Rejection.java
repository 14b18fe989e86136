package org.baihua.core.datasets;

/**
 * A row that could not be used.
 *
 * @param line its 1-based line (or entry number) in the source
 * @param reason why, for the person who owns the file
 */
public record Rejection(long line, String reason) {}
