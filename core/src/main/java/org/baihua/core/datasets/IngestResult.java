package org.baihua.core.datasets;

import org.baihua.core.registry.RejectedRow;

import java.util.List;
import java.util.Map;
import org.baihua.sdk.DataRecord;

/**
 * What an ingest read: the usable records (mapped, redacted, typed), the rejected rows and the
 * label counts. Nothing has been stored yet.
 *
 * @param records the usable records, labels under {@code label}
 * @param rejected rejected rows, at most {@link IngestLimits#maxRejectionsKept()}
 * @param rejectedCount all rejected rows
 * @param labelCounts label &rarr; records carrying it
 * @param contentHash SHA-256 (hex) of the file's bytes
 * @param bytes the file's size
 */
public record IngestResult(List<DataRecord> records, List<RejectedRow> rejected, long rejectedCount,
                           Map<String, Long> labelCounts, String contentHash, long bytes) {

    public IngestResult {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
        labelCounts = Map.copyOf(labelCounts);
    }
}
