package org.baihua.core.encoder;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the host knows of an encoder without loading it: enough to list it, to check a task's
 * choice and to size feature vectors.
 *
 * @param id stable id ({@code [a-z0-9][a-z0-9-]*}, at most 64 characters), part of every cache key and lineage
 * @param dimensions width of the vectors, &gt; 0
 * @param maxTokens longest input in tokens (special tokens included), &gt; 2
 * @param pooling how token states become a sentence vector
 * @param source where the model and tokenizer files come from
 */
public record EncoderSpec(String id, int dimensions, int maxTokens, Pooling pooling, Source source) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public EncoderSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "encoder id '" + id + "' is not valid: use 1-64 of [a-z0-9-], starting with a letter or digit");
        }
        if (dimensions <= 0) {
            throw new IllegalArgumentException("encoder '" + id + "': dimensions must be > 0, was " + dimensions);
        }
        if (maxTokens <= 2) {
            throw new IllegalArgumentException("encoder '" + id + "': maxTokens must be > 2, was " + maxTokens);
        }
        Objects.requireNonNull(pooling, "encoder '" + id + "': pooling is null");
        Objects.requireNonNull(source, "encoder '" + id + "': source is null");
    }

    /** Where an encoder's {@code model.onnx} and {@code tokenizer.json} come from. */
    public sealed interface Source permits Bundled, Directory {}

    /**
     * Files shipped inside a jar on the class path (the Maven carrier artifacts).
     *
     * @param modelResource class path resource of the ONNX model
     * @param tokenizerResource class path resource of the Hugging Face {@code tokenizer.json}
     * @param origin the artifact that carries them and its licence, for people
     */
    public record Bundled(String modelResource, String tokenizerResource, String origin) implements Source {
        public Bundled {
            Objects.requireNonNull(modelResource, "modelResource is null");
            Objects.requireNonNull(tokenizerResource, "tokenizerResource is null");
            Objects.requireNonNull(origin, "origin is null");
        }
    }

    /**
     * A directory holding {@code model.onnx}, {@code tokenizer.json} and {@code encoder.json}.
     *
     * @param path the directory
     */
    public record Directory(Path path) implements Source {
        public Directory {
            Objects.requireNonNull(path, "path is null");
        }
    }
}
