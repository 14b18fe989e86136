package org.baihua.core.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Objects as files under a folder, one file per key ({@code a/b/c} is {@code <root>/a/b/c}). A write
 * goes to {@code <root>/.tmp}, is hashed and forced to disk, and is renamed into place only if its
 * SHA-256 is the expected one, so a key names a complete, checked file or nothing.
 */
public final class LocalObjectStore implements ObjectStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");
    private static final String SCRATCH = ".tmp";

    private final Path root;
    private final Path scratch;

    /** Opens (creating if needed) the store at {@code root}. */
    public LocalObjectStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.scratch = this.root.resolve(SCRATCH);
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new ObjectStoreException("", "Cannot create the object folder " + this.root + ": " + e, e);
        }
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    @Override
    public void put(String key, InputStream in, String sha256) {
        Path target = path(key);
        Digests.requireSha256(sha256);
        Path temp = scratch.resolve(UUID.randomUUID().toString());
        try {
            MessageDigest digest = Digests.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), digest)) {
                in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new CorruptObjectException(key, location(), "the content written has SHA-256 " + actual
                        + ", the writer said " + sha256);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new ObjectStoreException(key, "The object folder " + root + " cannot rename atomically", e);
            }
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot write object '" + key + "' in " + root + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover in the scratch folder is removed by abortUnfinishedWrites
            }
        }
    }

    @Override
    public InputStream open(String key, String sha256) {
        try {
            InputStream in = Files.newInputStream(path(key));
            return sha256 == null ? in : new VerifyingInputStream(in, key, location(), sha256);
        } catch (NoSuchFileException e) {
            throw new MissingObjectException(key, location());
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot read object '" + key + "' in " + root + ": " + e, e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        Path file = path(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot read object '" + key + "' in " + root + ": " + e, e);
        }
    }

    @Override
    public void delete(String key) {
        Path file = path(key);
        try {
            Files.deleteIfExists(file);
            // Remove emptied parent folders up to the root, so listing stays cheap.
            for (Path parent = file.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
                try (var entries = Files.list(parent)) {
                    if (entries.findAny().isPresent()) {
                        break;
                    }
                }
                Files.deleteIfExists(parent);
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            return; // a concurrent writer or deleter got there first
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot delete object '" + key + "' in " + root + ": " + e, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(scratch) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    if (key.startsWith(prefix)) {
                        found.add(new ObjectInfo(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // deleted while walking
                }
            });
        } catch (IOException e) {
            throw new ObjectStoreException(prefix, "Cannot list " + root + ": " + e, e);
        }
        found.sort(Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public int abortUnfinishedWrites(Instant olderThan) {
        int removed = 0;
        try (var entries = Files.list(scratch)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(olderThan) && Files.deleteIfExists(entry)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return removed;
        } catch (IOException e) {
            throw new ObjectStoreException(SCRATCH, "Cannot clean " + scratch + ": " + e, e);
        }
        return removed;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void close() {
        // nothing held open
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        return root.resolve(key);
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot sync a directory; the rename is still atomic
        }
    }
}
