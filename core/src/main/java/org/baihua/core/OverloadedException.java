package org.baihua.core;

/** The host is too busy for this request now (503); the caller may retry after {@link #retryAfterSeconds()}. */
public class OverloadedException extends BaihuaException {

    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super(Kind.UNAVAILABLE, message);
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, was " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds the caller should wait before trying again (the {@code Retry-After} header). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
