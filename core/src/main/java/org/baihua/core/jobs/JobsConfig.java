package org.baihua.core.jobs;

import org.baihua.core.config.Settings;

/**
 * How training jobs run.
 *
 * @param concurrency jobs training at once ({@code jobs.concurrency}, default 1: a job already uses every core)
 * @param queueLength jobs waiting beyond those ({@code jobs.queue-length}, default 16); more are refused
 * @param hostId this host's id in the job table, so a restart recovers only its own jobs ({@code jobs.host-id})
 * @param threads matrix threads per training job ({@code jobs.threads}, default: the cores, at most 8)
 * @param leaseSeconds how long a host's jobs stay its own without a heartbeat ({@code jobs.lease-seconds},
 *     default 60); past that, another host sharing the database fails them as lost
 */
public record JobsConfig(int concurrency, int queueLength, String hostId, int threads, int leaseSeconds) {

    public static final String CONCURRENCY = "jobs.concurrency";
    public static final String QUEUE_LENGTH = "jobs.queue-length";
    public static final String HOST_ID = "jobs.host-id";
    public static final String THREADS = "jobs.threads";
    public static final String LEASE_SECONDS = "jobs.lease-seconds";

    /** Reads {@code jobs.*}. */
    public static JobsConfig from(Settings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new JobsConfig(settings.integer(CONCURRENCY, 1, 1, 64), settings.integer(QUEUE_LENGTH, 16, 0, 10_000),
                settings.get(HOST_ID, "local"), settings.integer(THREADS, Math.max(1, Math.min(cores, 8)), 1, 256),
                settings.integer(LEASE_SECONDS, 60, 4, 86_400));
    }
}
