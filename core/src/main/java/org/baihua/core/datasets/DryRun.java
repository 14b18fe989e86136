package org.baihua.core.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.registry.RejectedRow;
import org.baihua.sdk.DataRecord;

/**
 * What an ingest would store, read without storing anything ({@code ?dryRun=true}, {@code datasets
 * upload --dry-run}): how the file's columns meet the task's fields, and the first records as
 * training would see them.
 *
 * @param columns the file's columns (those with a value in at least one row), in first-seen order
 * @param mapping task field (and {@code label}) &rarr; the file column it is read from
 * @param unmappedColumns the file's columns no field reads (they stay in the records for preprocessors)
 * @param unmappedOptionalFields optional task fields the file has no column for: stored without them
 * @param preview the first {@link #PREVIEW_ROWS} usable records after redaction and preprocessing
 * @param preprocessing how the preview was preprocessed, or why it could not be
 * @param rows usable rows
 * @param rejectedCount rejected rows
 * @param rejected the first rejected rows with line and reason
 * @param labelCounts label &rarr; usable rows carrying it
 * @param bytes the file's size
 * @param language the language of the text fields, or null when the task has none
 */
public record DryRun(List<String> columns, Map<String, String> mapping, List<String> unmappedColumns,
                     List<String> unmappedOptionalFields, List<DataRecord> preview, String preprocessing, long rows,
                     long rejectedCount, List<RejectedRow> rejected, Map<String, Long> labelCounts, long bytes,
                     String language) {

    /** Records shown. */
    public static final int PREVIEW_ROWS = 5;
    /** Usable rows the preview's preprocessors are fitted on (training fits them on its training split). */
    public static final int FIT_ROWS = 1_000;
    /** Rejected rows shown. */
    public static final int REJECTIONS_SHOWN = 20;

    public DryRun {
        columns = List.copyOf(columns);
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        unmappedColumns = List.copyOf(unmappedColumns);
        unmappedOptionalFields = List.copyOf(unmappedOptionalFields);
        preview = List.copyOf(preview);
        rejected = List.copyOf(rejected);
        labelCounts = Map.copyOf(labelCounts);
    }
}
