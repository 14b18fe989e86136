package org.baihua.core.storage;

import java.net.URI;
import java.util.Set;
import org.baihua.core.InvalidRequestException;
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

    public static final String TYPE = "storage.type";
    public static final String ENDPOINT = "storage.s3.endpoint";
    public static final String REGION = "storage.s3.region";
    public static final String BUCKET = "storage.s3.bucket";
    public static final String PREFIX = "storage.s3.prefix";
    public static final String PATH_STYLE = "storage.s3.path-style";
    public static final String PART_SIZE = "storage.s3.part-size";
    public static final String ACCESS_KEY = "storage.s3.access-key";
    public static final String SECRET_KEY = "storage.s3.secret-key";
    public static final String CACHE_MAX_BYTES = "storage.cache.max-bytes";
    public static final String SWEEP_GRACE_MINUTES = "storage.sweep.grace-minutes";

    /** Every key read here. */
    public static final Set<String> KEYS = org.baihua.core.config.ConfigKeys.STORAGE;

    public StorageConfig {
        if (!"local".equals(type) && !"s3".equals(type)) {
            throw new InvalidRequestException(TYPE, TYPE + " must be 'local' or 's3', was '" + type + "'");
        }
        if ("s3".equals(type) && (bucket == null || bucket.isBlank())) {
            throw new InvalidRequestException(BUCKET, TYPE + "=s3 needs " + BUCKET);
        }
        if (partSize < S3ObjectStore.MIN_PART_SIZE) {
            throw new InvalidRequestException(PART_SIZE, PART_SIZE + " must be at least " + S3ObjectStore.MIN_PART_SIZE);
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new InvalidRequestException(ACCESS_KEY, ACCESS_KEY + " and " + SECRET_KEY + " go together");
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
        String endpoint = settings.get(ENDPOINT, null);
        URI uri;
        try {
            uri = endpoint == null ? null : URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(ENDPOINT, ENDPOINT + " is not a URI: '" + endpoint + "'");
        }
        return new StorageConfig(settings.get(TYPE, "local"), uri, settings.get(REGION, null),
                settings.get(BUCKET, null), settings.get(PREFIX, ""),
                Boolean.parseBoolean(settings.get(PATH_STYLE, "false")),
                settings.integer(PART_SIZE, 8 * 1024 * 1024, S3ObjectStore.MIN_PART_SIZE, 1 << 30),
                settings.longValue(CACHE_MAX_BYTES, 1L << 30, 0, Long.MAX_VALUE),
                settings.integer(SWEEP_GRACE_MINUTES, 60, 1, 7 * 24 * 60),
                settings.get(ACCESS_KEY, null), settings.get(SECRET_KEY, null));
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
