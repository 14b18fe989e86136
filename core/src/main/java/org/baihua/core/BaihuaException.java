package org.baihua.core;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception root of the host. Each {@link Kind} maps to one HTTP status, so a
 * single mapper can turn any failure into a problem+json response; messages quote the ids at
 * fault, for example {@code Model 'fraud' has no version 7}.
 */
public class BaihuaException extends RuntimeException {

    /** What went wrong, and the HTTP status that reports it. */
    public enum Kind {
        BAD_REQUEST(400),
        UNAUTHORIZED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        PAYLOAD_TOO_LARGE(413),
        UNSUPPORTED_MEDIA_TYPE(415),
        UNAVAILABLE(503),
        INTERNAL(500);

        /** The HTTP status code for this kind. */
        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public BaihuaException(Kind kind, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public BaihuaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
