package org.baihua.core.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's copy of content-addressed blobs it has read from the shared store, bounded in bytes:
 * when a new blob takes the total over the bound, the least recently used ones are removed. A blob
 * is checked against its SHA-256 on every read; a corrupt copy is removed and read again from the
 * shared store by the caller.
 */
public final class BlobCache {

    private static final Logger log = LoggerFactory.getLogger(BlobCache.class);

    private final LocalObjectStore files;
    private final long maxBytes;
    private long totalBytes;

    /** Opens the cache in {@code folder}, keeping at most {@code maxBytes} (0 keeps nothing). */
    public BlobCache(Path folder, long maxBytes) {
        this.files = new LocalObjectStore(requireNonNull(folder, "folder is null"));
        this.maxBytes = maxBytes;
        files.abortUnfinishedWrites(Instant.MAX);
        this.totalBytes = files.list("").stream().mapToLong(ObjectStore.ObjectInfo::size).sum();
        synchronized (this) {
            evict();
        }
    }

    /** The blob, if cached and intact. */
    public synchronized Optional<byte[]> get(String sha256) {
        String key = key(sha256);
        if (files.stat(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = files.read(key, sha256);
            touch(key);
            return Optional.of(bytes);
        } catch (CorruptObjectException e) {
            log.warn("Removing a corrupt cached blob: {}", e.getMessage());
            remove(key);
            return Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }

    /** Keeps a copy of a blob whose SHA-256 the caller has checked (it is checked again on write). */
    public synchronized void put(String sha256, byte[] bytes) {
        if (bytes.length > maxBytes) {
            return;
        }
        String key = key(sha256);
        if (files.stat(key).isPresent()) {
            return;
        }
        files.put(key, bytes, sha256);
        totalBytes += bytes.length;
        evict();
    }

    /** Bytes held now. */
    public synchronized long sizeBytes() {
        return totalBytes;
    }

    private void evict() {
        if (totalBytes <= maxBytes) {
            return;
        }
        List<ObjectStore.ObjectInfo> byAge = files.list("").stream()
                .sorted(Comparator.comparing(ObjectStore.ObjectInfo::lastModified)).toList();
        for (ObjectStore.ObjectInfo blob : byAge) {
            if (totalBytes <= maxBytes) {
                break;
            }
            remove(blob.key());
        }
    }

    private void remove(String key) {
        long size = files.stat(key).map(ObjectStore.ObjectInfo::size).orElse(0L);
        files.delete(key);
        totalBytes -= size;
    }

    private void touch(String key) {
        try {
            Files.setLastModifiedTime(files.root().resolve(key), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // recency is only a hint for eviction
        }
    }

    private static String key(String sha256) {
        return Digests.requireSha256(sha256).substring(0, 2) + "/" + sha256;
    }
}
