package org.baihua.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.baihua.core.BaihuaException.Kind;

/**
 * Expands plugin zips safely: no entry may land outside the target folder (zip slip), and the
 * total size and entry count are bounded (zip bombs). PF4J's own unzip is not used so that an
 * unsafe zip fails this one plugin with a reason instead of being half-expanded.
 */
final class PluginZips {

    static final long MAX_EXPANDED_BYTES = 512L << 20;
    static final int MAX_ENTRIES = 20_000;
    /** Most expanded bytes per byte of zip beyond the first MiB: jars and models compress 2-10x, a bomb thousands of times. */
    static final long MAX_RATIO = 200;

    private PluginZips() {}

    /** Expands {@code zip} into the empty or missing folder {@code target}; on failure nothing is left there. */
    static void expand(Path zip, Path target) {
        String name = zip.getFileName().toString();
        Path root = target.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            try (ZipFile file = new ZipFile(zip.toFile())) {
                long limit = Math.min(MAX_EXPANDED_BYTES, (1L << 20) + Files.size(zip) * MAX_RATIO);
                checkDeclared(file, name, limit);
                long total = 0;
                int count = 0;
                Enumeration<? extends ZipEntry> entries = file.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (++count > MAX_ENTRIES) {
                        throw new PluginException(Kind.BAD_REQUEST, name, "Plugin zip '" + name + "' has more than " + MAX_ENTRIES + " entries");
                    }
                    Path out = root.resolve(entry.getName()).normalize();
                    if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
                        throw new PluginException(Kind.BAD_REQUEST, name, "Plugin zip '" + name + "' has an entry that would be written outside its folder: '"
                                + entry.getName() + "'");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                        total += copyBounded(in, os, limit - total, name);
                    }
                }
            }
        } catch (ZipException e) {
            deleteQuietly(root);
            throw new PluginException(Kind.BAD_REQUEST, name, "Plugin file '" + name + "' is not a valid zip: " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(root);
            throw new PluginException(Kind.INTERNAL, name, "Cannot expand plugin zip '" + name + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(root);
            throw e;
        }
    }

    /**
     * Refuses, before anything is written, a zip whose entries declare more than {@code limit} bytes in
     * all, or have names that are unsafe on some platform (a backslash is a separator on Windows).
     * Declared sizes can lie; {@link #copyBounded} holds the same limit while streaming.
     */
    private static void checkDeclared(ZipFile file, String name, long limit) {
        long declared = 0;
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().indexOf('\\') >= 0) {
                throw new PluginException(Kind.BAD_REQUEST, name, "Plugin zip '" + name + "' has an entry name with a backslash: '"
                        + entry.getName() + "'; zip entries use '/'");
            }
            if (entry.getSize() > 0) {
                declared += entry.getSize();
            }
            if (declared > limit) {
                throw new PluginException(Kind.PAYLOAD_TOO_LARGE, name, "Plugin zip '" + name + "' declares more than " + limit
                        + " bytes when expanded (at most " + (MAX_EXPANDED_BYTES >> 20) + " MiB and " + MAX_RATIO
                        + " times its own size); nothing was written");
            }
        }
    }

    /** Copies at most {@code remaining} bytes; past that it throws before writing the buffer that would cross the limit. */
    static long copyBounded(InputStream in, OutputStream out, long remaining, String name) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            copied += read;
            if (copied > remaining) {
                throw new PluginException(Kind.PAYLOAD_TOO_LARGE, name, "Plugin zip '" + name + "' expands to more than its limit (at most "
                        + (MAX_EXPANDED_BYTES >> 20) + " MiB and " + MAX_RATIO + " times its own size)");
            }
            out.write(buffer, 0, read);
        }
        return copied;
    }

    /** Deletes a folder tree; failures are reported as unchecked exceptions with the path. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot delete " + root, e);
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (java.io.UncheckedIOException e) {
            // The original failure is the one worth reporting; a leftover folder is wiped on next start.
            org.slf4j.LoggerFactory.getLogger(PluginZips.class).warn("Could not clean up {}", root, e);
        }
    }
}
