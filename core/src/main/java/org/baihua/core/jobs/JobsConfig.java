package org.baihua.core.jobs;

import org.baihua.core.config.Settings;

/**
 * How training jobs run.
 *
 * @param concurrency jobs training at once ({@code jobs.concurrency}, default 1: a job already uses every core)
 * @param queueLength jobs waiting beyond those ({@code jobs.queue-length}, default 16); more are refused
 * @param hostId this host's id in the job table, so a restart recovers only its own jobs ({@code jobs.host-id})
 * @param threads matrix threads per training job ({@code jobs.threads}, default: the cores, at most 8)
 */
public record JobsConfig(int concurrency, int queueLength, String hostId, int threads) {

    public static final String CONCURRENCY = "jobs.concurrency";
    public static final String QUEUE_LENGTH = "jobs.queue-length";
    public static final String HOST_ID = "jobs.host-id";
    public static final String THREADS = "jobs.threads";

    /** Reads {@code jobs.*}. */
    public static JobsConfig from(Settings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new JobsConfig(settings.integer(CONCURRENCY, 1, 1, 64), settings.integer(QUEUE_LENGTH, 16, 0, 10_000),
                settings.get(HOST_ID, "local"), settings.integer(THREADS, Math.max(1, Math.min(cores, 8)), 1, 256));
    }
}
