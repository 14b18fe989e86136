package org.baihua.core;

/** The request itself is wrong: a missing or malformed field; HTTP 400. */
public class InvalidRequestException extends BaihuaException {

    private final String field;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    /**
     * @param field the request field at fault, or null when no single field is
     * @param message what is wrong, naming the field and its value
     */
    public InvalidRequestException(String field, String message) {
        super(Kind.BAD_REQUEST, message);
        this.field = field;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
