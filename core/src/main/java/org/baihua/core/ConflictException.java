package org.baihua.core;

/** The request is valid but clashes with the current state (an illegal lifecycle move, a duplicate id). */
public class ConflictException extends BaihuaException {

    public ConflictException(String message) {
        super(Kind.CONFLICT, message);
    }
}
