package org.baihua.core;

/** The request itself is wrong: a missing or malformed field, a value out of range. */
public class InvalidRequestException extends BaihuaException {

    private final String field;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    public InvalidRequestException(String field, String message) {
        this(field, Kind.BAD_REQUEST, message);
    }

    /** A request at fault in {@code field} answered with another 4xx status than 400 (413 for a field too long). */
    public InvalidRequestException(String field, Kind kind, String message) {
        super(kind, message);
        this.field = field;
    }

    /** The request field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }
}
