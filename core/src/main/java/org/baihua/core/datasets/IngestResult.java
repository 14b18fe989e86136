package org.baihua.core.datasets;

import org.baihua.core.registry.RejectedRow;

import java.util.List;
import java.util.Map;

/**
 * What an ingest read; the usable records themselves went, one at a time, to the reader's consumer.
 *
 * @param rows the usable records (mapped, redacted, typed)
 * @param rejected rejected rows, at most {@link IngestLimits#maxRejectionsKept()}
 * @param rejectedCount all rejected rows
 * @param labelCounts label &rarr; records carrying it
 * @param contentHash SHA-256 (hex) of the file's bytes
 * @param bytes the file's size
 * @param language the language of the task's text fields over the usable records, or null when the task has none
 * @param columns the file's columns (those with a value in at least one row), in first-seen order
 */
public record IngestResult(long rows, List<RejectedRow> rejected, long rejectedCount, Map<String, Long> labelCounts,
                           String contentHash, long bytes, String language, List<String> columns) {

    public IngestResult {
        rejected = List.copyOf(rejected);
        labelCounts = Map.copyOf(labelCounts);
        columns = List.copyOf(columns);
    }
}
