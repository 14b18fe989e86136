package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.baihua.core.BaihuaException;

/**
 * Model artifacts on disk: one folder per version, {@code <root>/<model>/<version>/}, holding
 * head.onnx, pipeline.json, metrics.json and manifest.json (SHA-256 of each file). A folder is
 * written in {@code <root>/.tmp} and renamed into place, so it is either complete or absent.
 * Opening the store removes what a crash left in the scratch folders. With shared storage
 * ({@code storage.type=s3}) the artifacts live in the object store instead ({@link RemoteArtifacts}).
 */
public final class ArtifactStore {

    public static final String HEAD = "head.onnx";
    public static final String PIPELINE = "pipeline.json";
    public static final String METRICS = "metrics.json";
    public static final String MANIFEST = "manifest.json";
    /** The folder of a fine-tuned encoder inside a version's artifact. */
    public static final String ENCODER = "encoder";
    /** The fine-tuned encoder's files, as the manifest names them. */
    public static final List<String> ENCODER_FILES = List.of(ENCODER + "/model.onnx", ENCODER + "/tokenizer.json",
            ENCODER + "/encoder.json");
    /** The fine-tuned encoder's model, as the manifest names it. */
    public static final String ENCODER_MODEL = ENCODER_FILES.get(0);

    private final Path root;
    private final Path scratch;
    private final Path trash;
    private final JsonColumns json = new JsonColumns();
    private final int leftoversRemoved;
    private final RemoteArtifacts remote;

    /**
     * Opens (creating if needed) the store at {@code root} and removes unfinished writes and deletions.
     *
     * @throws BaihuaException if the folder cannot be created or cleaned
     */
    public ArtifactStore(Path root) {
        this(root, java.util.Optional.empty());
    }

    /**
     * Opens the store; with shared storage, artifacts are kept there (see {@link RemoteArtifacts})
     * and {@code root} only holds what older local use left.
     */
    public ArtifactStore(Path root, java.util.Optional<org.baihua.core.storage.SharedStorage> shared) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
        this.scratch = this.root.resolve(".tmp");
        this.trash = this.root.resolve(".trash");
        Path encoderCopies = this.root.resolve(".shared-encoders");
        this.remote = shared.map(s -> new RemoteArtifacts(s, encoderCopies, scratch)).orElse(null);
        try {
            Files.createDirectories(this.root);
            if (remote != null) {
                // copies of shared encoders are fetched again on demand: clearing them bounds them to what this run loaded
                AtomicFiles.clearFolder(encoderCopies);
            }
            leftoversRemoved = AtomicFiles.clearFolder(scratch) + AtomicFiles.clearFolder(trash);
        } catch (IOException e) {
            throw ioFailure("opening the artifact store at " + this.root, e);
        }
    }

    /** How many unfinished writes or deletions opening the store cleaned up. */
    public int leftoversRemoved() {
        return leftoversRemoved;
    }

    /**
     * Writes a version's artifact atomically, replacing any folder a crashed attempt left there.
     *
     * @return the manifest and its SHA-256, which the registry records
     */
    public ArtifactBundle write(String model, int version, ArtifactContent content) {
        Names.requireId(model, "model");
        Names.requireVersion(version);
        requireNonNull(content, "content is null");
        if (remote != null) {
            return remote.write(model, version, content);
        }
        Path temp = scratch.resolve(model + "-" + version + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            Map<String, ArtifactManifest.FileEntry> files = new LinkedHashMap<>();
            files.put(HEAD, writeFile(temp, HEAD, content.headOnnx()));
            files.put(PIPELINE, writeFile(temp, PIPELINE, content.pipelineJson()));
            files.put(METRICS, writeFile(temp, METRICS, content.metricsJson()));
            if (content.encoderDirectory() != null) {
                Files.createDirectories(temp.resolve(ENCODER));
                for (String name : ENCODER_FILES) {
                    files.put(name, copyFile(content.encoderDirectory().resolve(name.substring(ENCODER.length() + 1)),
                            temp.resolve(name)));
                }
                AtomicFiles.syncDirectory(temp.resolve(ENCODER));
            }
            ArtifactManifest manifest = new ArtifactManifest(
                    ArtifactManifest.FORMAT, model, version, Instant.now().toString(), files);
            byte[] manifestBytes = json.writeBytes(manifest);
            AtomicFiles.writeSynced(temp.resolve(MANIFEST), manifestBytes);
            AtomicFiles.syncDirectory(temp);
            Path target = folder(model, version);
            Files.createDirectories(target.getParent());
            AtomicFiles.deleteViaTrash(target, trash);
            AtomicFiles.moveAtomically(temp, target);
            return new ArtifactBundle(manifest, AtomicFiles.sha256(manifestBytes), manifestBytes,
                    content.headOnnx(), content.pipelineJson(), content.metricsJson(),
                    content.encoderDirectory() == null ? null : target.resolve(ENCODER));
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw ioFailure("writing the artifact of model '" + model + "' version " + version, e);
        }
    }

    /** Copies a (large) file, synced, hashing it on the way. */
    private static ArtifactManifest.FileEntry copyFile(Path source, Path target) throws IOException {
        java.security.MessageDigest digest = AtomicFiles.sha256Digest();
        long size;
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(source), digest);
             java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(target,
                     java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            size = in.transferTo(java.nio.channels.Channels.newOutputStream(out));
            out.force(true);
        }
        return new ArtifactManifest.FileEntry(size, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    /** Checks a (large) file against its manifest entry without reading it into memory. */
    private static void verifyLargeFile(ArtifactManifest manifest, Path folder, String name) throws IOException {
        verifyLargeFile(manifest, folder, name, name);
    }

    /** As {@link #verifyLargeFile(ArtifactManifest, Path, String)}, the manifest's {@code name} being {@code file} in {@code folder}. */
    static void verifyLargeFile(ArtifactManifest manifest, Path folder, String name, String file) throws IOException {
        ArtifactManifest.FileEntry entry = manifest.files().get(name);
        java.security.MessageDigest digest = AtomicFiles.sha256Digest();
        long size;
        try (java.io.InputStream in = new java.security.DigestInputStream(Files.newInputStream(folder.resolve(file)), digest)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " is missing");
        }
        String sha = java.util.HexFormat.of().formatHex(digest.digest());
        if (size != entry.size() || !sha.equals(entry.sha256())) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " has " + size
                    + " bytes with SHA-256 " + sha + ", the manifest says " + entry.size() + " bytes with " + entry.sha256());
        }
    }

    private static ArtifactManifest.FileEntry writeFile(Path folder, String name, byte[] bytes) throws IOException {
        AtomicFiles.writeSynced(folder.resolve(name), bytes);
        return new ArtifactManifest.FileEntry(bytes.length, AtomicFiles.sha256(bytes));
    }

    /**
     * Reads a version's artifact and verifies every file against the manifest, and the manifest
     * against {@code expectedManifestSha256} (the registry's record).
     *
     * @throws CorruptArtifactException if anything is missing or does not match
     */
    public ArtifactBundle read(String model, int version, String expectedManifestSha256) {
        Path folder = folder(Names.requireId(model, "model"), Names.requireVersion(version));
        if (remote != null) {
            return remote.read(model, version, expectedManifestSha256);
        }
        if (!Files.isDirectory(folder)) {
            throw new CorruptArtifactException(model, version, "its folder " + folder + " is missing");
        }
        try {
            byte[] manifestBytes = readFile(model, version, folder, MANIFEST);
            String manifestSha = AtomicFiles.sha256(manifestBytes);
            if (expectedManifestSha256 != null && !expectedManifestSha256.equals(manifestSha)) {
                throw new CorruptArtifactException(model, version, MANIFEST + " has SHA-256 " + manifestSha
                        + ", the registry recorded " + expectedManifestSha256);
            }
            ArtifactManifest manifest = parseManifest(json, model, version, manifestBytes);
            byte[] head = verifiedFile(manifest, folder, HEAD);
            byte[] pipeline = verifiedFile(manifest, folder, PIPELINE);
            byte[] metrics = verifiedFile(manifest, folder, METRICS);
            Path encoder = null;
            if (manifest.files().containsKey(ENCODER_MODEL)) {
                for (String name : ENCODER_FILES) {
                    if (!manifest.files().containsKey(name)) {
                        throw new CorruptArtifactException(model, version, MANIFEST + " does not list " + name);
                    }
                    verifyLargeFile(manifest, folder, name);
                }
                encoder = folder.resolve(ENCODER);
            }
            return new ArtifactBundle(manifest, manifestSha, manifestBytes, head, pipeline, metrics, encoder);
        } catch (IOException e) {
            throw ioFailure("reading the artifact of model '" + model + "' version " + version, e);
        }
    }

    static ArtifactManifest parseManifest(JsonColumns json, String model, int version, byte[] bytes) {
        ArtifactManifest manifest;
        try {
            manifest = json.mapper().readValue(bytes, ArtifactManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new CorruptArtifactException(model, version, MANIFEST + " is unreadable: " + e.getMessage());
        }
        if (!model.equals(manifest.model()) || manifest.version() != version) {
            throw new CorruptArtifactException(model, version, MANIFEST + " describes model '"
                    + manifest.model() + "' version " + manifest.version());
        }
        return manifest;
    }

    private static byte[] verifiedFile(ArtifactManifest manifest, Path folder, String name) throws IOException {
        ArtifactManifest.FileEntry entry = manifest.files().get(name);
        if (entry == null) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), MANIFEST + " does not list " + name);
        }
        byte[] bytes = readFile(manifest.model(), manifest.version(), folder, name);
        String sha = AtomicFiles.sha256(bytes);
        if (bytes.length != entry.size() || !sha.equals(entry.sha256())) {
            throw new CorruptArtifactException(manifest.model(), manifest.version(), name + " has " + bytes.length
                    + " bytes with SHA-256 " + sha + ", the manifest says " + entry.size() + " bytes with " + entry.sha256());
        }
        return bytes;
    }

    private static byte[] readFile(String model, int version, Path folder, String name) throws IOException {
        try {
            return Files.readAllBytes(folder.resolve(name));
        } catch (NoSuchFileException e) {
            throw new CorruptArtifactException(model, version, name + " is missing");
        }
    }

    /**
     * Writes the verified artifact as a zip with one folder {@code <model>-v<version>/} holding the
     * four files, and the fine-tuned encoder's folder when the version has one. The stream is not closed.
     *
     * @throws CorruptArtifactException before anything is written, if the artifact does not verify
     */
    public void exportZip(String model, int version, String expectedManifestSha256, OutputStream out) {
        ArtifactBundle bundle = read(model, version, expectedManifestSha256);
        String prefix = model + "-v" + version + "/";
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            putEntry(zip, prefix + HEAD, bundle.headOnnx());
            putEntry(zip, prefix + PIPELINE, bundle.pipelineJson());
            putEntry(zip, prefix + METRICS, bundle.metricsJson());
            putEntry(zip, prefix + MANIFEST, bundle.manifestJson());
            if (bundle.encoderDirectory() != null) {
                for (String name : ENCODER_FILES) {
                    zip.putNextEntry(new ZipEntry(prefix + name));
                    Files.copy(bundle.encoderDirectory().resolve(name.substring(ENCODER.length() + 1)), zip);
                    zip.closeEntry();
                }
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw ioFailure("exporting the artifact of model '" + model + "' version " + version, e);
        }
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Whether a folder exists for the version (complete, since folders only appear by rename). */
    public boolean exists(String model, int version) {
        if (remote != null) {
            return remote.exists(model, version);
        }
        return Files.isDirectory(folder(Names.requireId(model, "model"), Names.requireVersion(version)));
    }

    /** Removes a version's folder, if any. */
    public void delete(String model, int version) {
        Path folder = folder(Names.requireId(model, "model"), Names.requireVersion(version));
        if (remote != null) {
            remote.delete(model, version);
            return;
        }
        try {
            AtomicFiles.deleteViaTrash(folder, trash);
            Path modelFolder = folder.getParent();
            try (var rest = Files.list(modelFolder)) {
                if (rest.findAny().isEmpty()) {
                    Files.deleteIfExists(modelFolder);
                }
            }
        } catch (NoSuchFileException e) {
            return; // the model folder is already gone
        } catch (IOException e) {
            throw ioFailure("deleting the artifact of model '" + model + "' version " + version, e);
        }
    }

    /** Every (model, version) that has a folder, for the start-up sweep of orphans. */
    List<VersionRef> storedVersions() {
        if (remote != null) {
            return remote.storedVersions();
        }
        List<VersionRef> refs = new ArrayList<>();
        try (var models = Files.list(root)) {
            for (Path modelFolder : (Iterable<Path>) models::iterator) {
                String model = modelFolder.getFileName().toString();
                if (model.startsWith(".") || !Files.isDirectory(modelFolder)) {
                    continue;
                }
                try (var versions = Files.list(modelFolder)) {
                    for (Path versionFolder : (Iterable<Path>) versions::iterator) {
                        String name = versionFolder.getFileName().toString();
                        if (name.matches("[1-9][0-9]{0,8}")) {
                            refs.add(new VersionRef(model, Integer.parseInt(name)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw ioFailure("listing the artifact store at " + root, e);
        }
        return refs;
    }

    /** The blobs the shared store's manifests list (empty without shared storage), for the sweep. */
    java.util.Set<String> referencedBlobs() {
        return remote == null ? java.util.Set.of() : remote.referencedBlobs();
    }

    private Path folder(String model, int version) {
        return root.resolve(model).resolve(Integer.toString(version));
    }

    private static void deleteQuietly(Path path, IOException cause) {
        try {
            AtomicFiles.deleteRecursively(path);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static BaihuaException ioFailure(String what, IOException e) {
        return new BaihuaException(BaihuaException.Kind.INTERNAL, "I/O error while " + what + ": " + e, e);
    }
}
