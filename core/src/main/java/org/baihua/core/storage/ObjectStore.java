package org.baihua.core.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A flat store of immutable objects named by keys ({@code blobs/sha256/ab/ab12…}): a folder on this
 * host ({@link LocalObjectStore}) or an S3-compatible bucket ({@link S3ObjectStore}). Every write
 * names the SHA-256 the caller computed; the store checks it while writing and refuses a mismatch,
 * and every read is checked against the SHA-256 the caller expects. An object is visible under its
 * key only once it is completely and durably written.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Copies a stream to the object {@code key}, replacing any object there. Large content goes in
     * parts, so memory stays bounded by one part whatever the size.
     *
     * @param sha256 lower-case hex SHA-256 of the content, checked while it is written
     * @throws CorruptObjectException if the content does not have that SHA-256 (nothing is stored)
     * @throws ObjectStoreException if reading {@code in} or the store fails; nothing is left under {@code key}
     */
    void put(String key, InputStream in, String sha256);

    /** Writes a file as the object {@code key}, checked like {@link #put(String, InputStream, String)}. */
    default void put(String key, Path file, String sha256) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            put(key, in, sha256);
        } catch (java.io.IOException e) {
            throw new ObjectStoreException(key, "Cannot read " + file + " to store it as '" + key + "': " + e, e);
        }
    }

    /** Writes {@code bytes} as the object {@code key}, checked like {@link #put(String, InputStream, String)}. */
    default void put(String key, byte[] bytes, String sha256) {
        put(key, new java.io.ByteArrayInputStream(bytes), sha256);
    }

    /** Reads a whole (small) object, checked against {@code sha256}. */
    default byte[] read(String key, String sha256) {
        try (InputStream in = open(key, sha256)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new ObjectStoreException(key, "Cannot read object '" + key + "' from " + location() + ": " + e, e);
        }
    }

    /**
     * Opens an object for reading; the stream throws {@link CorruptObjectException} at its end if the
     * content read does not have {@code sha256} (null: no check, for objects named by the caller).
     *
     * @throws MissingObjectException if there is no such object
     */
    InputStream open(String key, String sha256);

    /** Size and time of the object, if it exists. */
    Optional<ObjectInfo> stat(String key);

    /** Removes the object if it exists. */
    void delete(String key);

    /** Every object whose key starts with {@code prefix}, sorted by key. */
    List<ObjectInfo> list(String prefix);

    /**
     * Aborts unfinished multipart writes started before {@code olderThan} (left by a process that died
     * while writing), returning how many there were. Stores without parts return 0.
     */
    int abortUnfinishedWrites(Instant olderThan);

    /** Where the objects are, for messages: a folder or {@code s3://bucket/prefix}. */
    String location();

    @Override
    void close();

    /**
     * One stored object.
     *
     * @param key its key
     * @param size its length in bytes
     * @param lastModified when it was written
     */
    record ObjectInfo(String key, long size, Instant lastModified) {}
}
