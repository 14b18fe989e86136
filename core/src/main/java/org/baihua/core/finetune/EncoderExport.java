package org.baihua.core.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.OnnxTextEncoder;
import org.baihua.core.encoder.internal.EncoderDefinitions;
import org.baihua.core.encoder.internal.ModelFiles;
import org.baihua.core.training.TrainingFailedException;

/**
 * Writes a fine-tuned encoder as an encoder directory ({@code model.onnx}, {@code tokenizer.json},
 * {@code encoder.json}), the form the host serves through DJL and ONNX Runtime like any encoder,
 * and checks that what ONNX Runtime computes from it is what the Java encoder computed in training.
 */
public final class EncoderExport {

    /** The cosine every text must reach between the exported graph and the Java forward of its weights. */
    public static final double REQUIRED = 0.9999;

    /**
     * A written encoder.
     *
     * @param spec its definition, with the directory as source
     * @param modelSha256 hex SHA-256 of {@code model.onnx}: the key of its embedding cache entries
     */
    public record Exported(EncoderSpec spec, String modelSha256) {

        /** The encoder directory. */
        public Path directory() {
            return ((EncoderSpec.Directory) spec.source()).path();
        }
    }

    private EncoderExport() {}

    /**
     * Writes the encoder into {@code directory} (created if needed); the model goes through a
     * temporary file and an atomic move, so a crash never leaves a half-written graph.
     *
     * @param graph the base encoder's graph, whose initializers are replaced
     * @param base the base encoder's spec (dimensions, max tokens, pooling)
     */
    public static Exported write(OnnxBertGraph graph, BertWeights weights, EncoderSpec base, Path tokenizerFile,
                                 String id, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path model = directory.resolve("model.onnx");
        Path temp = Files.createTempFile(directory, "model", ".part");
        try {
            graph.write(weights, temp);
            Files.move(temp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        Files.copy(tokenizerFile, directory.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("id", id);
        definition.put("dimensions", base.dimensions());
        definition.put("maxTokens", base.maxTokens());
        definition.put("pooling", base.pooling().key());
        // served like the base: fp32 batches, same languages
        definition.put("precision", base.precision().key());
        definition.put("languages", base.languages());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(directory.resolve(EncoderDefinitions.FILE).toFile(),
                definition);
        return new Exported(new EncoderDefinitions().read(directory), sha256(model));
    }

    /**
     * Loads the exported encoder in ONNX Runtime and compares it with the Java forward of
     * {@code weights} on {@code texts}.
     *
     * @param dataDir the host's data directory (for the encoder files' bookkeeping)
     * @throws TrainingFailedException naming the figures when a text's cosine is below {@link #REQUIRED}
     */
    public static ParityCheck.Result verify(Exported exported, BertEncoder java, FineTuneTokenizer tokenizer,
                                            List<String> texts, Path dataDir) {
        try (OnnxTextEncoder served = new OnnxTextEncoder(exported.spec(),
                new ModelFiles(dataDir, EncoderExport.class.getClassLoader()).prepare(exported.spec()), 1, 1)) {
            ParityCheck.Result result = ParityCheck.compare(java, tokenizer, served, texts, 16);
            if (!result.passes(REQUIRED)) {
                throw new TrainingFailedException("the exported encoder '" + exported.spec().id()
                        + "' does not reproduce the trained weights: cosine " + result.minimumCosine() + " on text "
                        + result.worstText() + ", " + REQUIRED + " required");
            }
            return result;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
