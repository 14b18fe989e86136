package org.baihua.core;

/** The request itself is wrong: a missing or malformed field, a value out of range. */
public class InvalidRequestException extends BaihuaException {

    private final String field;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    public InvalidRequestException(String field, String message) {
        super(Kind.BAD_REQUEST, message);
        this.field = field;
    }

    /** The request field at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }
}
