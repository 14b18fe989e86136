package org.baihua.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data directory private to the host's user: it holds the registry, API key hashes and
 * data sets (redacted, but still personal data). The directory is created 0700, so whatever a
 * library creates inside it with the process umask (SQLite's files, for one) is out of other users'
 * reach; at each start, entries wider than 0700 (folders) or 0600 (files) are narrowed, with a warning.
 */
public final class DataDirPermissions {

    private static final Logger log = LoggerFactory.getLogger(DataDirPermissions.class);
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirPermissions() {}

    /**
     * Creates {@code dataDir} (0700) if missing and narrows what is wider; does nothing on a file
     * system without POSIX permissions.
     *
     * @return the paths (relative to {@code dataDir}) that were narrowed
     */
    public static List<String> secure(Path dataDir) {
        List<String> narrowed = new ArrayList<>();
        try {
            if (!Files.exists(dataDir)) {
                Files.createDirectories(dataDir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(DIR));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(dataDir);
                }
            }
            if (Files.getFileAttributeView(dataDir, PosixFileAttributeView.class) == null) {
                return narrowed;
            }
            Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    narrow(dir, DIR);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        narrow(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a file removed while walking is no concern
                }

                private void narrow(Path path, Set<PosixFilePermission> allowed) throws IOException {
                    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                    if (!allowed.containsAll(current)) {
                        Set<PosixFilePermission> kept = java.util.EnumSet.noneOf(PosixFilePermission.class);
                        kept.addAll(current);
                        kept.retainAll(allowed);
                        Files.setPosixFilePermissions(path, kept);
                        narrowed.add((path.equals(dataDir) ? "." : dataDir.relativize(path).toString()) + " (was " + PosixFilePermissions.toString(current) + ")");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot secure the data directory " + dataDir, e);
        }
        if (!narrowed.isEmpty()) {
            log.warn("{} entries of the data directory {} were readable by other users and were narrowed to 0700/0600: {}{}",
                    narrowed.size(), dataDir, narrowed.subList(0, Math.min(5, narrowed.size())), narrowed.size() > 5 ? " ..." : "");
        }
        return narrowed;
    }
}
