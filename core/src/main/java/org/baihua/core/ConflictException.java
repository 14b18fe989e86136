package org.baihua.core;

/** The request is valid but the current state forbids it (an illegal lifecycle move); HTTP 409. */
public class ConflictException extends BaihuaException {

    public ConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}
