package org.baihua.core.datasets;

import org.baihua.core.config.Settings;

/**
 * Bounds on what one ingest may take.
 *
 * @param maxBytes largest file accepted
 * @param maxRejectionsKept rejected rows reported one by one; the rest are counted
 */
public record IngestLimits(long maxBytes, int maxRejectionsKept) {

    public static final String MAX_BYTES = "datasets.max-bytes";

    /** Reads {@code datasets.max-bytes} (default 256 MiB). */
    public static IngestLimits from(Settings settings) {
        return new IngestLimits(settings.longValue(MAX_BYTES, 256L << 20, 1, Long.MAX_VALUE), 100_000);
    }
}
