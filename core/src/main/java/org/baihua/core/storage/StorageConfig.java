package org.baihua.core.storage;

import java.net.URI;
import java.util.List;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;

/**
 * Where artifacts, data set rows and plugin zips are kept: {@code storage.type=local} (the default,
 * files under the data directory of this host) or {@code storage.type=s3} (an S3-compatible bucket
 * shared by every host, with a bounded local cache of artifact files per host).
 *
 * @param type {@code local} or {@code s3}
 * @param endpoint S3 endpoint URI, or null for AWS's own
 * @param region S3 region ({@code us-east-1} by default)
 * @param bucket the bucket (required for s3)
 * @param prefix key prefix inside the bucket, or empty
 * @param pathStyle path-style addressing ({@code http://host/bucket/key}), which most non-AWS servers need
 * @param partSize bytes per part of multipart writes; content up to this size is one PUT
 * @param cacheMaxBytes bound of the local artifact cache of this host
 * @param sweepGraceMinutes objects younger than this are never swept, since another host may be writing them
 * @param accessKey access key id from baihua.properties (discouraged: the AWS default chain is used without it)
 * @param secretKey secret key from baihua.properties
 */
public record StorageConfig(String type, URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
        int partSize, long cacheMaxBytes, int sweepGraceMinutes, String accessKey, String secretKey) {

    public static final ConfigKey<String> TYPE = ConfigKey.text("storage.type", "local");
    public static final ConfigKey<String> ENDPOINT = ConfigKey.text("storage.s3.endpoint", null);
    public static final ConfigKey<String> REGION = ConfigKey.text("storage.s3.region", null);
    public static final ConfigKey<String> BUCKET = ConfigKey.text("storage.s3.bucket", null);
    public static final ConfigKey<String> PREFIX = ConfigKey.text("storage.s3.prefix", "");
    public static final ConfigKey<Boolean> PATH_STYLE = ConfigKey.bool("storage.s3.path-style", false);
    public static final ConfigKey<Integer> PART_SIZE = ConfigKey.integer("storage.s3.part-size", 8 * 1024 * 1024,
            S3ObjectStore.MIN_PART_SIZE, 1 << 30);
    public static final ConfigKey<String> ACCESS_KEY = ConfigKey.text("storage.s3.access-key", null);
    public static final ConfigKey<String> SECRET_KEY = ConfigKey.text("storage.s3.secret-key", null);
    public static final ConfigKey<Long> CACHE_MAX_BYTES = ConfigKey.longValue("storage.cache.max-bytes", 1L << 30, 0,
            Long.MAX_VALUE);
    public static final ConfigKey<Integer> SWEEP_GRACE_MINUTES = ConfigKey.integer("storage.sweep.grace-minutes", 60, 1,
            7 * 24 * 60);

    /** Every key read here. */
    public static final List<ConfigKey<?>> KEYS = List.of(TYPE, ENDPOINT, REGION, BUCKET, PREFIX, PATH_STYLE, PART_SIZE,
            ACCESS_KEY, SECRET_KEY, CACHE_MAX_BYTES, SWEEP_GRACE_MINUTES);

    public StorageConfig {
        if (!"local".equals(type) && !"s3".equals(type)) {
            throw new ConfigException(TYPE.name(), TYPE + " must be 'local' or 's3', was '" + type + "'");
        }
        if ("s3".equals(type) && (bucket == null || bucket.isBlank())) {
            throw new ConfigException(BUCKET.name(), TYPE + "=s3 needs " + BUCKET);
        }
        if (partSize < S3ObjectStore.MIN_PART_SIZE) {
            throw new ConfigException(PART_SIZE.name(), PART_SIZE + " must be at least " + S3ObjectStore.MIN_PART_SIZE);
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new ConfigException(ACCESS_KEY.name(), ACCESS_KEY + " and " + SECRET_KEY + " go together");
        }
        prefix = prefix == null ? "" : prefix;
        region = region == null ? "us-east-1" : region;
    }

    /** The single-host default. */
    public static StorageConfig local() {
        return new StorageConfig("local", null, null, null, "", false, 8 * 1024 * 1024, 1L << 30, 60, null, null);
    }

    /** Reads the {@code storage.*} keys. */
    public static StorageConfig from(Settings settings) {
        String endpoint = settings.get(ENDPOINT);
        URI uri;
        try {
            uri = endpoint == null ? null : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ENDPOINT.name(), ENDPOINT + " is not a URI: '" + endpoint + "'");
        }
        return new StorageConfig(settings.get(TYPE), uri, settings.get(REGION), settings.get(BUCKET), settings.get(PREFIX),
                settings.get(PATH_STYLE), settings.get(PART_SIZE), settings.get(CACHE_MAX_BYTES),
                settings.get(SWEEP_GRACE_MINUTES), settings.get(ACCESS_KEY), settings.get(SECRET_KEY));
    }

    /** Whether objects go to a shared bucket. */
    public boolean shared() {
        return "s3".equals(type);
    }

    /** Never prints the secret key: configurations end up in logs. */
    @Override
    public String toString() {
        return "StorageConfig[type=" + type + ", endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", prefix=" + prefix + ", pathStyle=" + pathStyle + ", partSize=" + partSize
                + ", cacheMaxBytes=" + cacheMaxBytes + ", accessKey=" + (accessKey == null ? "null" : "***") + "]";
    }
}
