package org.baihua.core.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.Suggestions;
import org.baihua.formats.FieldMapping;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.RecordSink;
import org.baihua.sdk.TaskSpec;

/**
 * Refuses a mapping that names a column the file does not have, listing the file's columns with a
 * "did you mean": without it, an optional field mapped to a misspelt column is stored empty in
 * every row and nobody is told. A column counts as the file's when at least one row has a value in
 * it (a CSV adapter drops empty values). Checked: the columns of required fields and of the label, and
 * of every field the mapping names; an optional field left under its own name that the file lacks
 * is simply unmapped (the dry run lists it).
 */
public final class MappingCheck {

    private MappingCheck() {}

    /** Stops reading a file to score once every checked column has been seen. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /**
     * Refuses a file to score (a batch job's upload: inputs, no label) whose mapping names a column
     * the file does not have, as an ingest does, before the job is queued. It reads until every
     * checked column has had a value, usually the first row; only a file that lacks one is read to its
     * end, to list its columns. A file without any row is left to the job.
     *
     * @param mappingText the request's {@code mapping} parameter, or null
     * @throws InvalidRequestException field {@code mapping}, or {@code file} when the adapter cannot read it
     */
    public static void checkFileToScore(TaskSpec task, String mappingText, DataAdapter adapter, String format, AdapterOptions options,
                                        InputStream in) {
        FieldMapping mapping = FieldMapping.parse(task, mappingText, null);
        Set<String> named = named(mappingText);
        Set<String> needed = new LinkedHashSet<>();
        for (FieldSpec field : task.inputs()) {
            String column = mapping.column(field.name());
            if (field.required() || named.contains(field.name()) || !column.equals(field.name())) {
                needed.add(column);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        long[] rows = {0};
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(DataRecord record) {
                rows[0]++;
                record.values().forEach((column, value) -> {
                    if (value != null && seen.size() < DatasetReader.MAX_COLUMNS) {
                        seen.add(column);
                    }
                });
                if (seen.containsAll(needed) || seen.size() >= DatasetReader.MAX_COLUMNS) {
                    throw new Enough();
                }
            }

            @Override
            public void reject(long line, String reason) {
                // a row the adapter cannot read is the job's to report in place
            }
        };
        try {
            adapter.read(in, options, sink);
        } catch (IOException e) {
            throw new InvalidRequestException("file", "Cannot read the file: " + e.getMessage());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Enough) {
                    return; // stopped early, even through a plugin adapter that wraps what its sink throws
                }
            }
            if (e instanceof IllegalArgumentException) {
                throw new InvalidRequestException("file", "Cannot read the file as " + format + ": " + e.getMessage());
            }
            throw e;
        }
        if (rows[0] == 0 || seen.size() >= DatasetReader.MAX_COLUMNS) {
            return;
        }
        List<String> columns = List.copyOf(seen);
        List<String> missing = missingInputColumns(task, mapping, named, columns);
        if (!missing.isEmpty()) {
            throw refusal("", missing, columns);
        }
    }

    /** The task fields (and {@code label}) a mapping names, for example {@code text} and {@code label} of {@code text=Note,label=Dept}. */
    static Set<String> named(String mapping) {
        Set<String> fields = new LinkedHashSet<>();
        if (mapping != null) {
            for (String entry : mapping.split(",")) {
                int at = entry.indexOf('=');
                if (at > 0) {
                    fields.add(entry.substring(0, at).trim());
                }
            }
        }
        return fields;
    }

    /**
     * The mapped columns that no row has a value in, with "did you mean", or an empty list.
     *
     * @param named the fields the user's mapping names (a field it names is checked even under its own name)
     * @param columns the file's columns, in first-seen order
     */
    static List<String> missingColumns(TaskSpec task, FieldMapping mapping, Set<String> named, List<String> columns) {
        Set<String> present = Set.copyOf(columns);
        List<String> problems = missingInputColumns(task, mapping, named, columns);
        if (mapping.indicatorColumns().isEmpty()) {
            String column = mapping.column(DataRecord.LABEL);
            if (!present.contains(column)) {
                problems.add(missing(column, "the label", columns));
            }
        } else {
            for (String column : mapping.indicatorColumns()) {
                if (!present.contains(column)) {
                    problems.add(missing(column, "label indicator", columns));
                }
            }
        }
        return problems;
    }

    /** As {@link #missingColumns} for the task's input fields only (a file to score has no label). */
    private static List<String> missingInputColumns(TaskSpec task, FieldMapping mapping, Set<String> named, List<String> columns) {
        Set<String> present = Set.copyOf(columns);
        List<String> problems = new ArrayList<>();
        for (FieldSpec field : task.inputs()) {
            String column = mapping.column(field.name());
            if ((field.required() || named.contains(field.name()) || !column.equals(field.name())) && !present.contains(column)) {
                problems.add(missing(column, "field '" + field.name() + "'", columns));
            }
        }
        return problems;
    }

    /** The refusal for {@code problems} (from {@link #missingColumns}), field {@code mapping}. */
    static InvalidRequestException refusal(String prefix, List<String> problems, List<String> columns) {
        return new InvalidRequestException("mapping", prefix + String.join("; ", problems) + ". The file's columns: " + columns
                + "; map task fields to them as mapping=field=column,label=column");
    }

    private static String missing(String column, String what, Collection<String> columns) {
        return "column '" + column + "' (" + what + ") is not in the file or empty in every row"
                + Suggestions.closest(column, columns).map(c -> ", did you mean '" + c + "'?").orElse("");
    }
}
