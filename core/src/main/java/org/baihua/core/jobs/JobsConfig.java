package org.baihua.core.jobs;

import java.util.List;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;

/**
 * How training jobs run.
 *
 * @param concurrency jobs this host trains at once ({@code jobs.concurrency}, default 1: a job already uses every core)
 * @param queueLength jobs waiting in the queue beyond those running ({@code jobs.queue-length}, default 16, over all
 *     hosts sharing the database); more are refused
 * @param hostId this host's id in the job table, so a restart recovers only its own jobs ({@code jobs.host-id})
 * @param threads matrix threads per training job ({@code jobs.threads}, default: the cores, at most 8)
 * @param leaseSeconds how long a host's running jobs stay its own without a heartbeat ({@code jobs.lease-seconds},
 *     default 60); past that, another host sharing the database fails or re-queues them as lost
 * @param requeueLost what happens to the job of a lost host ({@code jobs.lost-policy}): {@code fail} (default)
 *     fails it, {@code requeue} puts it back in the queue once, so another host runs it again from the start
 */
public record JobsConfig(int concurrency, int queueLength, String hostId, int threads, int leaseSeconds, boolean requeueLost) {

    public static final ConfigKey<Integer> CONCURRENCY = ConfigKey.integer("jobs.concurrency", 1, 1, 64);
    public static final ConfigKey<Integer> QUEUE_LENGTH = ConfigKey.integer("jobs.queue-length", 16, 0, 10_000);
    public static final ConfigKey<String> HOST_ID = ConfigKey.text("jobs.host-id", "local");
    public static final ConfigKey<Integer> THREADS = ConfigKey.integer("jobs.threads",
            Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8)), 1, 256);
    public static final ConfigKey<Integer> LEASE_SECONDS = ConfigKey.integer("jobs.lease-seconds", 60, 4, 86_400);
    public static final ConfigKey<String> LOST_POLICY = ConfigKey.text("jobs.lost-policy", "fail");
    /** This record's keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(CONCURRENCY, QUEUE_LENGTH, HOST_ID, THREADS, LEASE_SECONDS, LOST_POLICY);

    /** A single host's settings with the given sizes and the defaults for the rest. */
    public JobsConfig(int concurrency, int queueLength, String hostId, int threads, int leaseSeconds) {
        this(concurrency, queueLength, hostId, threads, leaseSeconds, false);
    }

    /** Reads {@code jobs.*}. */
    public static JobsConfig from(Settings settings) {
        String policy = settings.get(LOST_POLICY).trim().toLowerCase(java.util.Locale.ROOT);
        if (!policy.equals("fail") && !policy.equals("requeue")) {
            throw new ConfigException(LOST_POLICY.name(), LOST_POLICY + " must be 'fail' or 'requeue', was '" + policy + "'");
        }
        return new JobsConfig(settings.get(CONCURRENCY), settings.get(QUEUE_LENGTH), settings.get(HOST_ID), settings.get(THREADS),
                settings.get(LEASE_SECONDS), policy.equals("requeue"));
    }
}
