package org.baihua.formats;

import java.util.Objects;

/**
 * A field mapping or label-value list that cannot be applied to a task. Carries the name of the
 * parameter at fault ({@code mapping} or {@code labelValues}) so that the host can answer with it.
 */
public final class MappingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /**
     * @param parameter the parameter at fault
     * @param message what is wrong, naming the entry
     */
    public MappingException(String parameter, String message) {
        super(message);
        this.parameter = Objects.requireNonNull(parameter, "parameter is null");
    }

    /** The parameter at fault: {@code mapping} or {@code labelValues}. */
    public String parameter() {
        return parameter;
    }
}
