package org.baihua.core.jobs;

import java.util.List;
import org.baihua.core.config.ConfigKey;
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

    public static final ConfigKey<Integer> CONCURRENCY = ConfigKey.integer("jobs.concurrency", 1, 1, 64);
    public static final ConfigKey<Integer> QUEUE_LENGTH = ConfigKey.integer("jobs.queue-length", 16, 0, 10_000);
    public static final ConfigKey<String> HOST_ID = ConfigKey.text("jobs.host-id", "local");
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("jobs.threads",
            Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8)), 1, 256);
    public static final ConfigKey<Integer> LEASE_SECONDS = ConfigKey.integer("jobs.lease-seconds", 60, 4, 86_400);
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(CONCURRENCY, QUEUE_LENGTH, HOST_ID, THREADS, LEASE_SECONDS);

    /** Reads {@code jobs.*}. */
    public static JobsConfig from(Settings settings) {
        return new JobsConfig(settings.get(CONCURRENCY), settings.get(QUEUE_LENGTH), settings.get(HOST_ID), settings.get(THREADS),
                settings.get(LEASE_SECONDS));
    }
}
