package org.baihua.core.config;

import java.util.Set;

/** Every configuration key the host reads, in one place, so that unknown keys can be refused. */
public final class ConfigKeys {

    public static final String SERVER_PORT = "server.port";
    public static final String SERVER_BIND = "server.bind";
    public static final String DATA_DIR = "data.dir";
    public static final String PLUGINS_DIR = "plugins.dir";

    public static final String AUTH_KEYS_FILE = "auth.keys-file";
    public static final String DATASETS_MAX_BYTES = "datasets.max-bytes";

    public static final String REGISTRY_JDBC_URL = "registry.jdbc.url";
    public static final String REGISTRY_USER = "registry.user";
    public static final String REGISTRY_PASSWORD = "registry.password";
    public static final String REGISTRY_POOL_SIZE = "registry.pool.size";

    /** The encoder's keys (read by {@code EncoderConfig}). */
    public static final Set<String> ENCODER = Set.of("encoder.default", "encoder.threads", "encoder.intra-op-threads",
            "encoder.directories", "encoder.cache.path", "encoder.cache.max-entries", "encoder.max-texts-per-call");

    /** The job system's keys (read by {@code JobsConfig}). */
    public static final Set<String> JOBS = Set.of("jobs.concurrency", "jobs.queue-length", "jobs.host-id", "jobs.threads",
            "jobs.lease-seconds");

    /** The storage keys (read by {@code StorageConfig}). */
    public static final Set<String> STORAGE = Set.of("storage.type", "storage.s3.endpoint", "storage.s3.region",
            "storage.s3.bucket", "storage.s3.prefix", "storage.s3.path-style", "storage.s3.part-size",
            "storage.s3.access-key", "storage.s3.secret-key", "storage.cache.max-bytes", "storage.sweep.grace-minutes");

    /** All known keys. */
    public static final Set<String> ALL = union(Set.of(SERVER_PORT, SERVER_BIND, DATA_DIR, PLUGINS_DIR, AUTH_KEYS_FILE,
            DATASETS_MAX_BYTES, REGISTRY_JDBC_URL, REGISTRY_USER, REGISTRY_PASSWORD, REGISTRY_POOL_SIZE), ENCODER, JOBS, STORAGE);

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    private ConfigKeys() {}
}
