package org.baihua.core;

/**
 * The root of every error the host reports on purpose. Each kind maps to one HTTP status; the
 * message is written for the person who made the request and quotes the ids involved.
 */
public class BaihuaException extends RuntimeException {

    /** What went wrong, and the HTTP status it maps to. */
    public enum Kind {
        BAD_REQUEST(400),
        UNAUTHORIZED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        PAYLOAD_TOO_LARGE(413),
        UNSUPPORTED_MEDIA_TYPE(415),
        UNPROCESSABLE(422),
        UNAVAILABLE(503),
        TIMEOUT(504),
        INSUFFICIENT_STORAGE(507),
        INTERNAL(500);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public BaihuaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BaihuaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
