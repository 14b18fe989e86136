package org.baihua.core.datasets;

import java.util.List;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;

/**
 * Bounds on what one ingest may take.
 *
 * @param maxBytes largest file accepted
 * @param maxRejectionsKept rejected rows reported one by one; the rest are counted
 */
public record IngestLimits(long maxBytes, int maxRejectionsKept) {

    public static final ConfigKey<Long> MAX_BYTES = ConfigKey.longValue("datasets.max-bytes", 256L << 20, 1, Long.MAX_VALUE);
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(MAX_BYTES);

    /** Reads {@code datasets.max-bytes} (default 256 MiB). */
    public static IngestLimits from(Settings settings) {
        return new IngestLimits(settings.get(MAX_BYTES), 100_000);
    }
}
