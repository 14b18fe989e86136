package org.baihua.core.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations that leave either the old or the new state on disk, never a mix: write into a
 * scratch folder, flush, rename into place. Deletion renames into a trash folder first, so a
 * half-deleted folder is never found at its real path.
 */
final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {}

    /** Writes {@code bytes} to a new file and forces them to disk. */
    static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Forces a directory's entries (creations, renames) to disk where the platform allows it. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; the rename stays atomic, only its
            // durability across power loss is weaker there.
            LOG.debug("Cannot sync directory {}: {}", directory, e.toString());
        }
    }

    /** Renames {@code source} to {@code target} atomically; both must be on one file system. */
    static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Moves {@code path} (file or folder) into {@code trash}, then deletes it; absent paths are ignored. */
    static void deleteViaTrash(Path path, Path trash) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.createDirectories(trash);
        Path doomed = trash.resolve(UUID.randomUUID().toString());
        try {
            moveAtomically(path, doomed);
        } catch (NoSuchFileException e) {
            return; // deleted by someone else meanwhile
        }
        deleteRecursively(doomed);
    }

    /** Deletes a file or a folder tree; absent paths are ignored. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Empties a scratch folder (creating it if needed): what is there was left by a crash. */
    static int clearFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        int removed = 0;
        try (var entries = Files.list(folder)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                deleteRecursively(entry);
                removed++;
            }
        }
        return removed;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
