package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.baihua.core.storage.CorruptObjectException;
import org.baihua.core.storage.Digests;
import org.baihua.core.storage.MissingObjectException;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.ObjectStoreException;
import org.baihua.core.storage.SharedStorage;

/**
 * Artifacts in the shared object store: each file is a content-addressed blob, and the version's
 * manifest (file name &rarr; size and SHA-256) is the object {@code artifacts/<model>/<version>/manifest.json},
 * written after every blob it lists, so a manifest that exists points to complete blobs. The
 * registry records the manifest's SHA-256, so reading checks the manifest, then each blob. A
 * version's fine-tuned encoder ({@code encoder/…}) is blobs like the rest, streamed rather than held in
 * memory; a host that reads the version keeps a checked copy on disk to load it from.
 */
final class RemoteArtifacts {

    static final String PREFIX = "artifacts/";

    private final SharedStorage shared;
    private final Path copies;
    private final Path scratch;
    private final JsonColumns json = new JsonColumns();

    /**
     * @param copies where this host keeps copies of fine-tuned encoders read from the store
     * @param scratch where copies are written before they are renamed into place
     */
    RemoteArtifacts(SharedStorage shared, Path copies, Path scratch) {
        this.shared = requireNonNull(shared, "shared is null");
        this.copies = requireNonNull(copies, "copies is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    ArtifactBundle write(String model, int version, ArtifactContent content) {
        try {
            Map<String, ArtifactManifest.FileEntry> files = new LinkedHashMap<>();
            files.put(ArtifactStore.HEAD, putBlob(content.headOnnx()));
            files.put(ArtifactStore.PIPELINE, putBlob(content.pipelineJson()));
            files.put(ArtifactStore.METRICS, putBlob(content.metricsJson()));
            if (content.encoderDirectory() != null) {
                for (String name : ArtifactStore.ENCODER_FILES) {
                    files.put(name, putFile(content.encoderDirectory().resolve(encoderFileName(name))));
                }
            }
            ArtifactManifest manifest = new ArtifactManifest(
                    ArtifactManifest.FORMAT, model, version, Instant.now().toString(), files);
            byte[] manifestBytes = json.writeBytes(manifest);
            String manifestSha = Digests.sha256Hex(manifestBytes);
            shared.store().put(manifestKey(model, version), manifestBytes, manifestSha);
            // the bundle names the written encoder's folder, as the local store's does, until the caller removes it
            return new ArtifactBundle(manifest, manifestSha, manifestBytes,
                    content.headOnnx(), content.pipelineJson(), content.metricsJson(), content.encoderDirectory());
        } catch (IOException e) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL,
                    "Cannot read the fine-tuned encoder of model '" + model + "' version " + version + " from "
                            + content.encoderDirectory() + ": " + e, e);
        } catch (ObjectStoreException e) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL,
                    "Cannot write the artifact of model '" + model + "' version " + version + ": " + e.getMessage(), e);
        }
    }

    private ArtifactManifest.FileEntry putBlob(byte[] bytes) {
        return new ArtifactManifest.FileEntry(bytes.length, shared.putBlob(bytes));
    }

    /** A (large) file as a blob, streamed: hashed first, then checked again by the store while it is written. */
    private ArtifactManifest.FileEntry putFile(Path file) throws IOException {
        String sha = Digests.sha256Hex(file);
        long size = Files.size(file);
        shared.putBlob(file, sha, size);
        return new ArtifactManifest.FileEntry(size, sha);
    }

    private static String encoderFileName(String manifestName) {
        return manifestName.substring(ArtifactStore.ENCODER.length() + 1);
    }

    ArtifactBundle read(String model, int version, String expectedManifestSha256) {
        byte[] manifestBytes;
        try {
            manifestBytes = shared.store().read(manifestKey(model, version), expectedManifestSha256);
        } catch (MissingObjectException e) {
            throw new CorruptArtifactException(model, version, "its manifest is missing from " + shared.store().location());
        } catch (CorruptObjectException e) {
            throw new CorruptArtifactException(model, version, ArtifactStore.MANIFEST + " does not match the registry's"
                    + " record: " + e.getMessage());
        }
        String manifestSha = Digests.sha256Hex(manifestBytes);
        ArtifactManifest manifest = ArtifactStore.parseManifest(json, model, version, manifestBytes);
        return new ArtifactBundle(manifest, manifestSha, manifestBytes, blob(manifest, ArtifactStore.HEAD),
                blob(manifest, ArtifactStore.PIPELINE), blob(manifest, ArtifactStore.METRICS),
                manifest.files().containsKey(ArtifactStore.ENCODER_MODEL) ? encoderCopy(manifest, manifestSha) : null);
    }

    /**
     * This host's copy of the version's fine-tuned encoder, {@code <copies>/<model>/<version>-<manifest SHA-256>/},
     * ONNX Runtime loading models from files: an intact copy is reused (each file checked against the
     * manifest, as the local store checks its files), else the blobs are streamed from the store, checked,
     * into a scratch folder renamed into place, so a copy is complete or absent.
     */
    private Path encoderCopy(ArtifactManifest manifest, String manifestSha) {
        for (String name : ArtifactStore.ENCODER_FILES) {
            if (!manifest.files().containsKey(name)) {
                throw new CorruptArtifactException(manifest.model(), manifest.version(), ArtifactStore.MANIFEST + " does not list " + name);
            }
        }
        Path target = copies.resolve(manifest.model()).resolve(manifest.version() + "-" + manifestSha);
        synchronized (this) {
            try {
                if (Files.isDirectory(target)) {
                    try {
                        for (String name : ArtifactStore.ENCODER_FILES) {
                            ArtifactStore.verifyLargeFile(manifest, target, name, encoderFileName(name));
                        }
                        return target;
                    } catch (CorruptArtifactException e) {
                        AtomicFiles.deleteRecursively(target); // a damaged copy: fetch it again
                    }
                }
                Path temp = scratch.resolve("encoder-" + manifest.model() + "-" + manifest.version() + "-" + UUID.randomUUID());
                Files.createDirectories(temp);
                try {
                    for (String name : ArtifactStore.ENCODER_FILES) {
                        ArtifactManifest.FileEntry entry = manifest.files().get(name);
                        Path file = temp.resolve(encoderFileName(name));
                        try (InputStream in = shared.openBlob(entry.sha256())) {
                            long size = Files.copy(in, file);
                            if (size != entry.size()) {
                                throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " has " + size
                                        + " bytes, the manifest says " + entry.size());
                            }
                        } catch (MissingObjectException e) {
                            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " is missing: " + e.getMessage());
                        } catch (CorruptObjectException e) {
                            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + ": " + e.getMessage());
                        }
                    }
                    Files.createDirectories(target.getParent());
                    AtomicFiles.moveAtomically(temp, target);
                } finally {
                    if (Files.exists(temp)) {
                        AtomicFiles.deleteRecursively(temp);
                    }
                }
                return target;
            } catch (IOException e) {
                throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL, "Cannot copy the fine-tuned"
                        + " encoder of model '" + manifest.model() + "' version " + manifest.version() + " from "
                        + shared.store().location() + " to " + target + ": " + e, e);
            }
        }
    }

    private byte[] blob(ArtifactManifest manifest, String name) {
        ArtifactManifest.FileEntry entry = manifest.files().get(name);
        if (entry == null) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), ArtifactStore.MANIFEST + " does not list " + name);
        }
        try {
            byte[] bytes = shared.readBlob(entry.sha256());
            if (bytes.length != entry.size()) {
                throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " has " + bytes.length
                        + " bytes, the manifest says " + entry.size());
            }
            return bytes;
        } catch (MissingObjectException e) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " is missing: " + e.getMessage());
        } catch (CorruptObjectException e) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + ": " + e.getMessage());
        }
    }

    boolean exists(String model, int version) {
        return shared.store().stat(manifestKey(model, version)).isPresent();
    }

    /**
     * Removes the manifest; its blobs may be shared with other versions and are left to the sweep.
     * This host's copies of the version's encoder go too (other hosts drop theirs when they restart).
     */
    void delete(String model, int version) {
        shared.store().delete(manifestKey(model, version));
        Path folder = copies.resolve(model);
        if (!Files.isDirectory(folder)) {
            return;
        }
        synchronized (this) {
            try (var stream = Files.list(folder)) {
                for (Path copy : stream.filter(p -> p.getFileName().toString().startsWith(version + "-")).toList()) {
                    AtomicFiles.deleteRecursively(copy);
                }
            } catch (IOException e) {
                // a stale copy only takes disk space until the next start clears the copies
            }
        }
    }

    List<VersionRef> storedVersions() {
        List<VersionRef> refs = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : shared.store().list(PREFIX)) {
            String[] parts = info.key().substring(PREFIX.length()).split("/");
            if (parts.length == 3 && parts[2].equals(ArtifactStore.MANIFEST) && parts[1].matches("[1-9][0-9]{0,8}")) {
                refs.add(new VersionRef(parts[0], Integer.parseInt(parts[1])));
            }
        }
        return refs;
    }

    /** The blobs every stored manifest lists, for the sweep; unreadable manifests are skipped. */
    Set<String> referencedBlobs() {
        Set<String> shas = new HashSet<>();
        for (VersionRef ref : storedVersions()) {
            try {
                byte[] bytes = shared.store().read(manifestKey(ref.model(), ref.version()), null);
                ArtifactManifest manifest = json.mapper().readValue(bytes, ArtifactManifest.class);
                manifest.files().values().forEach(entry -> shas.add(entry.sha256()));
            } catch (MissingObjectException e) {
                continue; // deleted meanwhile
            } catch (IOException e) {
                continue; // an unparsable manifest keeps nothing alive; reading its version reports it
            }
        }
        return shas;
    }

    private static String manifestKey(String model, int version) {
        return PREFIX + Names.requireId(model, "model") + "/" + Names.requireVersion(version) + "/" + ArtifactStore.MANIFEST;
    }
}
