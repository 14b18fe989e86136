package org.baihua.core.config;

/**
 * The host's configuration is wrong: an unknown key, a malformed value, an unreadable file. It
 * stops the host at start-up (the CLI prints the message and exits with {@link #EXIT_CODE}); it is
 * never a request error, so it carries no HTTP status.
 */
public class ConfigException extends RuntimeException {

    /** The exit code of a start refused for its configuration: {@code EX_CONFIG} of sysexits.h. */
    public static final int EXIT_CODE = 78;

    private final String key;

    /**
     * @param key the configuration key at fault, or null when the configuration as a whole is
     * @param message what is wrong and how to fix it
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The configuration key at fault, or null. */
    public String key() {
        return key;
    }
}
