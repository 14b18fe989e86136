package org.baihua.core.config;

import java.util.List;

/**
 * Bounds on the work and memory one request may claim, so that no caller can freeze the host
 * ({@code limits.*} keys).
 *
 * @param maxTextChars longest text one field of a predict record or one embed text may have
 *     ({@code limits.max-text-chars}); longer is refused with 413 naming the field
 * @param requestTimeoutMillis deadline of a request's work in the encoder and predictor
 *     ({@code limits.request-timeout-ms}); past it the work stops and the answer is 504
 * @param maxExplainRecords most records one predict call may ask to explain
 *     ({@code limits.max-explain-records}); each costs one encoder pass per occluded word
 * @param maxInflightRecords most predict records being worked on at once over all callers
 *     ({@code limits.max-inflight-records}); a call that would pass it waits, up to its deadline,
 *     then gets 503 with Retry-After
 * @param maxHeadParameters most trainable parameters a head may have ({@code limits.max-head-parameters});
 *     a larger head is refused with 400 before it is queued
 * @param diskLowBytes free bytes of the data directory below which health reports the disk as low
 *     ({@code limits.disk-low-bytes})
 */
public record LimitsConfig(int maxTextChars, long requestTimeoutMillis, int maxExplainRecords, int maxInflightRecords,
                           long maxHeadParameters, long diskLowBytes) {

    public static final String MAX_TEXT_CHARS = "limits.max-text-chars";
    public static final String REQUEST_TIMEOUT_MS = "limits.request-timeout-ms";
    public static final String MAX_EXPLAIN_RECORDS = "limits.max-explain-records";
    public static final String MAX_INFLIGHT_RECORDS = "limits.max-inflight-records";
    public static final String MAX_HEAD_PARAMETERS = "limits.max-head-parameters";
    public static final String DISK_LOW_BYTES = "limits.disk-low-bytes";

    private static final ConfigKey<Integer> TEXT = ConfigKey.integer(MAX_TEXT_CHARS, 100_000, 1, Integer.MAX_VALUE);
    private static final ConfigKey<Long> TIMEOUT = ConfigKey.longValue(REQUEST_TIMEOUT_MS, 60_000, 1, Long.MAX_VALUE / 2);
    private static final ConfigKey<Integer> EXPLAIN = ConfigKey.integer(MAX_EXPLAIN_RECORDS, 50, 0, Integer.MAX_VALUE);
    private static final ConfigKey<Integer> INFLIGHT = ConfigKey.integer(MAX_INFLIGHT_RECORDS, 4_000, 1, Integer.MAX_VALUE);
    private static final ConfigKey<Long> HEAD = ConfigKey.longValue(MAX_HEAD_PARAMETERS, 20_000_000L, 1, Long.MAX_VALUE);
    private static final ConfigKey<Long> DISK = ConfigKey.longValue(DISK_LOW_BYTES, 512L << 20, 0, Long.MAX_VALUE);
    /** Read by bin/baihua only (it sets -Xmx to 75 % of it); declared so the conf file may carry it. */
    public static final ConfigKey<Integer> JVM_MEMORY_BUDGET_MB = ConfigKey.integer("jvm.memory-budget-mb", 4096, 64, Integer.MAX_VALUE);

    /** This record's keys, and the launcher's. */
    public static final List<ConfigKey<?>> KEYS = List.of(TEXT, TIMEOUT, EXPLAIN, INFLIGHT, HEAD, DISK, JVM_MEMORY_BUDGET_MB);

    public LimitsConfig {
        if (maxTextChars < 1 || requestTimeoutMillis < 1 || maxExplainRecords < 0 || maxInflightRecords < 1 || maxHeadParameters < 1
                || diskLowBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The defaults: 100,000 characters, 60 s, 50 explained records, 4,000 records in flight, 20 M parameters, 512 MiB. */
    public static LimitsConfig defaults() {
        return new LimitsConfig(TEXT.fallback(), TIMEOUT.fallback(), EXPLAIN.fallback(), INFLIGHT.fallback(), HEAD.fallback(),
                DISK.fallback());
    }

    /** Reads the {@code limits.*} keys; missing ones default, a malformed one fails naming the key. */
    public static LimitsConfig from(Settings settings) {
        return new LimitsConfig(settings.get(TEXT), settings.get(TIMEOUT), settings.get(EXPLAIN), settings.get(INFLIGHT),
                settings.get(HEAD), settings.get(DISK));
    }
}
