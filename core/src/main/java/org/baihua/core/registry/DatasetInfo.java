package org.baihua.core.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stored, immutable data set.
 *
 * @param id generated id, for example {@code ds-3f2a9c1e7b4d5a60}
 * @param name a name for people
 * @param domain the domain id
 * @param task the task id
 * @param format the adapter format it was read with
 * @param contentHash the source's content hash, which recognises a second ingest of the same content
 * @param rows number of accepted rows stored
 * @param labelCounts label &rarr; number of rows carrying it
 * @param rejectedCount number of rejected rows ({@link DatasetStore#rejections} lists them)
 * @param rowsSha256 SHA-256 of the stored rows file, checked when it is read
 * @param createdAt when it was stored
 * @param createdBy who ingested it
 * @param language the language of its text fields detected at ingest ({@code en}, {@code zh}, {@code und}),
 *     or null for a data set ingested before detection existed or without text fields
 */
public record DatasetInfo(
        String id,
        String name,
        String domain,
        String task,
        String format,
        String contentHash,
        long rows,
        Map<String, Long> labelCounts,
        long rejectedCount,
        String rowsSha256,
        Instant createdAt,
        String createdBy,
        String language) {

    public DatasetInfo {
        labelCounts = Collections.unmodifiableMap(new LinkedHashMap<>(labelCounts));
    }
}
