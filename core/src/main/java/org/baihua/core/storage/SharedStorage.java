package org.baihua.core.storage;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The object store every host shares, used content-addressed: a blob's key is its SHA-256
 * ({@code blobs/sha256/ab/ab12…}), so a key names one content forever, a repeated write of the same
 * content is skipped, and any reader can check what it got. Small named objects (an artifact's
 * manifest, a plugin's record) point to blobs. Blobs that nothing points to any more are removed by
 * the registry's sweep.
 */
public final class SharedStorage implements AutoCloseable {

    /** Where blobs live. */
    public static final String BLOBS = "blobs/sha256/";

    private final ObjectStore store;
    private final BlobCache cache;
    private final java.time.Duration sweepGrace;

    /**
     * @param store the shared store, closed with this
     * @param cache this host's cache of small blobs (artifact files)
     * @param sweepGrace how old an unreferenced object must be before the sweep removes it: younger
     *     ones may belong to a write in progress on another host
     */
    public SharedStorage(ObjectStore store, BlobCache cache, java.time.Duration sweepGrace) {
        this.store = requireNonNull(store, "store is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.sweepGrace = requireNonNull(sweepGrace, "sweepGrace is null");
    }

    /** How old an unreferenced object must be before the sweep removes it. */
    public java.time.Duration sweepGrace() {
        return sweepGrace;
    }

    /** The underlying store. */
    public ObjectStore store() {
        return store;
    }

    /** The key of the blob with this SHA-256. */
    public static String blobKey(String sha256) {
        return BLOBS + Digests.requireSha256(sha256).substring(0, 2) + "/" + sha256;
    }

    /** The SHA-256 a blob key names, or empty for other keys. */
    public static Optional<String> shaOf(String key) {
        if (!key.startsWith(BLOBS)) {
            return Optional.empty();
        }
        String sha = key.substring(key.lastIndexOf('/') + 1);
        return sha.matches("[0-9a-f]{64}") ? Optional.of(sha) : Optional.empty();
    }

    /** Stores bytes as a blob (skipped if present), returning their SHA-256. */
    public String putBlob(byte[] bytes) {
        String sha = Digests.sha256Hex(bytes);
        if (store.stat(blobKey(sha)).map(info -> info.size() == bytes.length).orElse(false)) {
            return sha;
        }
        store.put(blobKey(sha), bytes, sha);
        return sha;
    }

    /** Stores a file as a blob (skipped if present); {@code sha256} is checked while it is written. */
    public void putBlob(Path file, String sha256, long size) {
        if (store.stat(blobKey(sha256)).map(info -> info.size() == size).orElse(false)) {
            return;
        }
        store.put(blobKey(sha256), file, sha256);
    }

    /** A small blob, from this host's cache when it holds an intact copy, else fetched, checked and cached. */
    public byte[] readBlob(String sha256) {
        Optional<byte[]> cached = cache.get(sha256);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] bytes = store.read(blobKey(sha256), sha256);
        cache.put(sha256, bytes);
        return bytes;
    }

    /** A blob as a stream checked at its end (large blobs, not cached). */
    public InputStream openBlob(String sha256) {
        return store.open(blobKey(sha256), sha256);
    }

    /** Removes a blob; the caller knows nothing points to it. */
    public void deleteBlob(String sha256) {
        store.delete(blobKey(sha256));
    }

    /** Every blob, for the sweep. */
    public List<ObjectStore.ObjectInfo> listBlobs() {
        return store.list(BLOBS);
    }

    /** This host's cache. */
    public BlobCache cache() {
        return cache;
    }

    @Override
    public void close() {
        store.close();
    }
}
