package org.baihua.core.encoder;

/** An encoder could not be loaded or could not embed; the message names the encoder and the cause. */
public class EncoderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String encoderId;

    public EncoderException(String encoderId, String message, Throwable cause) {
        super("Encoder '" + encoderId + "': " + message, cause);
        this.encoderId = encoderId;
    }

    public EncoderException(String encoderId, String message) {
        this(encoderId, message, null);
    }

    /** The encoder at fault. */
    public String encoderId() {
        return encoderId;
    }
}
