package org.baihua.core.datasets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.Suggestions;
import org.baihua.formats.FieldMapping;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.TaskSpec;

/**
 * Refuses a mapping that names a column the file does not have, listing the file's columns with a
 * "did you mean": without it, an optional field mapped to a misspelt column is stored empty in
 * every row and nobody is told. A column counts as the file's when at least one row has a value in
 * it (a CSV adapter drops empty values). Checked: the columns of required fields and of the label, and
 * of every field the mapping names; an optional field left under its own name that the file lacks
 * is simply unmapped (the dry run lists it).
 */
final class MappingCheck {

    private MappingCheck() {}

    /**
     * The mapped columns that no row has a value in, with "did you mean", or an empty list.
     *
     * @param named the fields the user's mapping names (a field it names is checked even under its own name)
     * @param columns the file's columns, in first-seen order
     */
    static List<String> missingColumns(TaskSpec task, FieldMapping mapping, Set<String> named, List<String> columns) {
        Set<String> present = Set.copyOf(columns);
        List<String> problems = new ArrayList<>();
        for (FieldSpec field : task.inputs()) {
            String column = mapping.column(field.name());
            if ((field.required() || named.contains(field.name()) || !column.equals(field.name())) && !present.contains(column)) {
                problems.add(missing(column, "field '" + field.name() + "'", columns));
            }
        }
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
