package org.baihua.core.jobs;

import java.util.Map;
import org.baihua.core.registry.JobState;
import org.baihua.core.registry.JobStore;

/**
 * Jobs per state for the {@code baihua.training.jobs} gauges: one {@code GROUP BY state} query
 * serves all five gauges of a scrape, since a scrape reads them one after the other.
 */
final class JobCounts {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final JobStore jobs;
    private Map<JobState, Long> counts = Map.of();
    private long readAt;
    private boolean read;

    JobCounts(JobStore jobs) {
        this.jobs = jobs;
    }

    synchronized double count(JobState state) {
        long now = System.nanoTime();
        if (!read || now - readAt > MAX_AGE_NANOS) {
            counts = jobs.countByState();
            readAt = now;
            read = true;
        }
        return counts.getOrDefault(state, 0L);
    }
}
