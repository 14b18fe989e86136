package org.baihua.core.registry;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The manifest.json of an artifact: which files it holds and their checksums. The registry keeps
 * the SHA-256 of this document itself, so neither a file nor the manifest can change unnoticed.
 *
 * @param format the manifest format, currently 1
 * @param model the model name
 * @param version the version number
 * @param createdAt when the artifact was written, ISO-8601
 * @param files file name &rarr; size and SHA-256
 */
public record ArtifactManifest(int format, String model, int version, String createdAt, Map<String, FileEntry> files) {

    /** The current manifest format. */
    public static final int FORMAT = 1;

    public ArtifactManifest {
        Objects.requireNonNull(model, "model is null");
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(files, "files is null")));
    }

    /**
     * One file of the artifact.
     *
     * @param size length in bytes
     * @param sha256 lower-case hex SHA-256 of the content
     */
    public record FileEntry(long size, String sha256) {}
}
