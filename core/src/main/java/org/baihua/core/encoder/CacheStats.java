package org.baihua.core.encoder;

/**
 * Counters of the embedding cache since the host started (entries: now, on disk).
 *
 * @param hits texts whose vector came from the cache
 * @param misses texts that had to be embedded
 * @param entries vectors stored now
 * @param evictions vectors removed to keep the cache within its bound
 */
public record CacheStats(long hits, long misses, long entries, long evictions) {

    /** Hits over lookups, 0 before the first lookup. */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
