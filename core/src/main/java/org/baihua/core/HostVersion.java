package org.baihua.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The host's version, written into the jar by the build; plugins' {@code requires} is checked against it. */
public final class HostVersion {

    private HostVersion() {}

    /** The version, for example {@code 0.1.0}. */
    public static String current() {
        try (InputStream in = HostVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the baihua-core jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the host version", e);
        }
    }
}
