package org.baihua.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What ingest knows of a data set before it is stored; the rows themselves are passed beside it.
 *
 * @param name a name for people (defaults to the id when null)
 * @param domain the domain id
 * @param task the task id
 * @param format the adapter format it was read with, for example {@code csv}
 * @param contentHash hash of the source content (and whatever else makes it the same data set): a
 *     second ingest with the same hash for the same task is recognised as the same data set
 * @param labelCounts label &rarr; number of accepted rows carrying it
 * @param rejected the rows that could not be used, with line and reason
 * @param createdBy who ingested it
 * @param language the language of its text fields ({@code en}, {@code zh}, {@code und}), or null when not detected
 */
public record NewDataset(
        String name,
        String domain,
        String task,
        String format,
        String contentHash,
        Map<String, Long> labelCounts,
        List<RejectedRow> rejected,
        String createdBy,
        String language) {

    /** A data set whose language was not detected. */
    public NewDataset(String name, String domain, String task, String format, String contentHash,
                      Map<String, Long> labelCounts, List<RejectedRow> rejected, String createdBy) {
        this(name, domain, task, format, contentHash, labelCounts, rejected, createdBy, null);
    }

    public NewDataset {
        if (name != null) {
            Names.requireText(name, "name");
        }
        Names.requireId(domain, "domain");
        Names.requireId(task, "task");
        Names.requireText(format, "format");
        Names.requireText(contentHash, "content hash");
        labelCounts = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(labelCounts, "labelCounts is null")));
        labelCounts.forEach((label, count) -> {
            if (count == null || count < 0) {
                throw new IllegalArgumentException("count of label '" + label + "' must be >= 0, was " + count);
            }
        });
        rejected = List.copyOf(Objects.requireNonNull(rejected, "rejected is null"));
        Names.requireText(createdBy, "created by");
        if (language != null && !language.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("language must be an ISO 639 code such as 'en', was '" + language + "'");
        }
    }
}
