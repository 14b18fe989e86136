package org.baihua.core.registry;

import java.util.regex.Pattern;
import org.baihua.core.InvalidRequestException;

/** Validation of the ids and names the registry stores; they appear in REST paths and folder names. */
final class Names {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Names() {}

    /** An id of 1-64 of [a-z0-9-], starting with a letter or digit: safe in URLs and as a folder name. */
    static String requireId(String value, String field) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " '" + value
                    + "' is not a valid id: use 1-64 of [a-z0-9-], starting with a letter or digit");
        }
        return value;
    }

    /** A non-blank text of at most 200 characters. */
    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is blank");
        }
        if (value.length() > 200) {
            throw new InvalidRequestException(field, field + " is longer than 200 characters");
        }
        return value;
    }

    /** Longest error text kept: failure messages are for people, not full stack traces. */
    static final int MAX_ERROR = 2000;

    /**
     * An error message to store: never refused (a failure must always be recorded), blank becomes
     * {@code unknown error}, long text is cut.
     */
    static String errorText(String error) {
        if (error == null || error.isBlank()) {
            return "unknown error";
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }

    /** A version number, at least 1. */
    static int requireVersion(int version) {
        if (version < 1) {
            throw new InvalidRequestException("version", "version must be >= 1, was " + version);
        }
        return version;
    }
}
