package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * registry records the manifest's SHA-256, so reading checks the manifest, then each blob.
 */
final class RemoteArtifacts {

    static final String PREFIX = "artifacts/";

    private final SharedStorage shared;
    private final JsonColumns json = new JsonColumns();

    RemoteArtifacts(SharedStorage shared) {
        this.shared = requireNonNull(shared, "shared is null");
    }

    ArtifactBundle write(String model, int version, ArtifactContent content) {
        if (content.encoderDirectory() != null) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.BAD_REQUEST,
                    "Model '" + model + "' version " + version + " has a fine-tuned encoder, which shared storage"
                            + " (storage.type=s3) does not hold yet: fine-tune on a host with local artifacts");
        }
        try {
            Map<String, ArtifactManifest.FileEntry> files = new LinkedHashMap<>();
            files.put(ArtifactStore.HEAD, putBlob(content.headOnnx()));
            files.put(ArtifactStore.PIPELINE, putBlob(content.pipelineJson()));
            files.put(ArtifactStore.METRICS, putBlob(content.metricsJson()));
            ArtifactManifest manifest = new ArtifactManifest(
                    ArtifactManifest.FORMAT, model, version, Instant.now().toString(), files);
            byte[] manifestBytes = json.writeBytes(manifest);
            String manifestSha = Digests.sha256Hex(manifestBytes);
            shared.store().put(manifestKey(model, version), manifestBytes, manifestSha);
            return new ArtifactBundle(manifest, manifestSha, manifestBytes,
                    content.headOnnx(), content.pipelineJson(), content.metricsJson());
        } catch (ObjectStoreException e) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL,
                    "Cannot write the artifact of model '" + model + "' version " + version + ": " + e.getMessage(), e);
        }
    }

    private ArtifactManifest.FileEntry putBlob(byte[] bytes) {
        return new ArtifactManifest.FileEntry(bytes.length, shared.putBlob(bytes));
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
                blob(manifest, ArtifactStore.PIPELINE), blob(manifest, ArtifactStore.METRICS));
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

    /** Removes the manifest; its blobs may be shared with other versions and are left to the sweep. */
    void delete(String model, int version) {
        shared.store().delete(manifestKey(model, version));
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
