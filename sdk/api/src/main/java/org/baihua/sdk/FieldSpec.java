package org.baihua.sdk;

import java.util.Objects;

/**
 * One typed input field of a task.
 *
 * @param name the field name in a {@link DataRecord} after preprocessing; not {@link DataRecord#LABEL}
 *     and without spaces or {@code , = : + |}, so that an ingest mapping can name it
 * @param type how the host encodes it
 * @param required whether a record without this field is rejected at ingest (else it counts as missing)
 * @param description what the field means, for people and the REST API
 */
public record FieldSpec(String name, FieldType type, boolean required, String description) {

    public FieldSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field name is blank");
        }
        TaskRules.require(TaskRules.fieldName(name));
        Objects.requireNonNull(type, "type of field '" + name + "' is null");
        description = description == null ? "" : description;
    }

    /** A required text field. */
    public static FieldSpec text(String name, String description) {
        return new FieldSpec(name, FieldType.TEXT, true, description);
    }

    /** An optional numeric field (missing values are imputed). */
    public static FieldSpec numeric(String name, String description) {
        return new FieldSpec(name, FieldType.NUMERIC, false, description);
    }

    /** An optional categorical field (missing values get their own slot). */
    public static FieldSpec categorical(String name, String description) {
        return new FieldSpec(name, FieldType.CATEGORICAL, false, description);
    }
}
