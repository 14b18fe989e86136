package org.baihua.core.encoder.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.baihua.core.encoder.EncoderException;
import org.baihua.core.encoder.EncoderSpec;

/**
 * Finds or materialises an encoder's model and tokenizer files. DJL loads a model from a file path,
 * so a bundled encoder's files are copied once from the class path into
 * {@code <data-dir>/encoders/<id>/}; they are copied again only when the carrier jar's bytes differ.
 */
public final class ModelFiles {

    static final String MODEL = "model.onnx";
    static final String TOKENIZER = "tokenizer.json";

    private final Path dataDir;
    private final ClassLoader classLoader;

    public ModelFiles(Path dataDir, ClassLoader classLoader) {
        this.dataDir = dataDir;
        this.classLoader = classLoader;
    }

    /**
     * The encoder's files and their fingerprint.
     *
     * @throws EncoderException if a file is missing or cannot be copied
     */
    public PreparedModel prepare(EncoderSpec spec) {
        try {
            if (spec.source() instanceof EncoderSpec.Bundled bundled) {
                Path dir = dataDir.resolve("encoders").resolve(spec.id());
                Files.createDirectories(dir);
                byte[] modelHash = materialise(spec.id(), bundled.modelResource(), dir.resolve(MODEL));
                byte[] tokenizerHash = materialise(spec.id(), bundled.tokenizerResource(), dir.resolve(TOKENIZER));
                return new PreparedModel(dir, dir.resolve(MODEL), dir.resolve(TOKENIZER),
                        fingerprint(modelHash, tokenizerHash));
            }
            Path dir = ((EncoderSpec.Directory) spec.source()).path();
            Path model = requireFile(spec.id(), dir.resolve(MODEL));
            Path tokenizer = requireFile(spec.id(), dir.resolve(TOKENIZER));
            return new PreparedModel(dir, model, tokenizer, fingerprint(sha256(model), sha256(tokenizer)));
        } catch (IOException e) {
            throw new EncoderException(spec.id(), "cannot prepare model files: " + e.getMessage(), e);
        }
    }

    private byte[] materialise(String id, String resource, Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            byte[] hash;
            try (InputStream in = classLoader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new EncoderException(id, "class path resource '" + resource
                            + "' not found: is the carrier jar on the class path?");
                }
                MessageDigest digest = sha256Digest();
                try (OutputStream out = Files.newOutputStream(temp)) {
                    new DigestInputStream(in, digest).transferTo(out);
                }
                hash = digest.digest();
            }
            if (Files.isRegularFile(target) && Arrays.equals(hash, sha256(target))) {
                return hash;
            }
            // Atomic so that a crash never leaves a half-written model where DJL would load it.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return hash;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path requireFile(String id, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EncoderException(id, "missing file " + file);
        }
        return file;
    }

    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    private static String fingerprint(byte[] modelHash, byte[] tokenizerHash) {
        MessageDigest digest = sha256Digest();
        digest.update(modelHash);
        digest.update(tokenizerHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
