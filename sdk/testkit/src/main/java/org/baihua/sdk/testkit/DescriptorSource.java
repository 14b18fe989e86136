package org.baihua.sdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Where a plugin's {@code plugin.properties} is read from: a file, or the root of the plugin zip. */
record DescriptorSource(Path path, boolean zip) {

    static DescriptorSource file(Path file) {
        return new DescriptorSource(file, false);
    }

    static DescriptorSource inZip(Path zip) {
        return new DescriptorSource(zip, true);
    }

    /** The properties, or an exception that says where they were looked for. */
    Properties read() {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException((zip ? "plugin zip " : "plugin descriptor ") + path.toAbsolutePath()
                    + " does not exist" + (zip ? "; run mvn package first" : "; the plugin build filters src/plugin/plugin.properties"
                    + " into target/plugin-descriptor (or put plugin.properties into the classes folder)"));
        }
        try {
            if (!zip) {
                try (InputStream in = Files.newInputStream(path)) {
                    return load(in);
                }
            }
            try (ZipFile file = new ZipFile(path.toFile())) {
                ZipEntry entry = file.getEntry("plugin.properties");
                if (entry == null) {
                    throw new IllegalStateException("plugin zip " + path.getFileName() + " has no plugin.properties at its root");
                }
                try (InputStream in = file.getInputStream(entry)) {
                    return load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin.properties from " + path, e);
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Override
    public String toString() {
        return zip ? path.getFileName() + "!/plugin.properties" : path.toString();
    }
}
