package org.baihua.core.registry;

/** The databases the registry runs on; chosen by the JDBC URL. */
public enum Dialect {
    /** The embedded default: a single file in the data directory, nothing to install. */
    SQLITE("jdbc:sqlite:"),
    /** A shared server, for several hosts. */
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    Dialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** The dialect of a JDBC URL, or null when the URL names another database. */
    static Dialect of(String jdbcUrl) {
        for (Dialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        return null;
    }
}
