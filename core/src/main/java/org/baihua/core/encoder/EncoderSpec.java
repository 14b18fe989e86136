package org.baihua.core.encoder;

import java.nio.file.Path;
import java.util.List;
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
 * @param precision fp32 (texts run in length-bucketed batches) or int8 (each text runs alone)
 * @param languages the languages the model was trained for, as ISO 639-1 codes ({@code en}, {@code zh});
 *     empty when not declared
 * @param relativeSpeed sentences per CPU-second relative to the bundled {@code all-minilm-l6-v2-q} on
 *     short sentences in calls of 32 (measured, docs/benchmarks.md), or null when not measured
 * @param source where the model and tokenizer files come from
 */
public record EncoderSpec(String id, int dimensions, int maxTokens, Pooling pooling, Precision precision,
                          List<String> languages, Double relativeSpeed, Source source) {

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
        Objects.requireNonNull(precision, "encoder '" + id + "': precision is null");
        languages = List.copyOf(Objects.requireNonNull(languages, "encoder '" + id + "': languages is null"));
        for (String language : languages) {
            if (!language.matches("[a-z]{2,3}")) {
                throw new IllegalArgumentException("encoder '" + id + "': language '" + language
                        + "' is not an ISO 639 code such as 'en' or 'zh'");
            }
        }
        if (relativeSpeed != null && !(relativeSpeed > 0 && Double.isFinite(relativeSpeed))) {
            throw new IllegalArgumentException("encoder '" + id + "': relativeSpeed must be > 0, was " + relativeSpeed);
        }
        Objects.requireNonNull(source, "encoder '" + id + "': source is null");
    }

    /**
     * An encoder whose precision, languages and speed are not declared: int8 (each text runs alone,
     * the choice that is right for every model), no languages, speed not measured.
     */
    public EncoderSpec(String id, int dimensions, int maxTokens, Pooling pooling, Source source) {
        this(id, dimensions, maxTokens, pooling, Precision.INT8, List.of(), null, source);
    }

    /** Whether the model was trained for texts in {@code language} (ISO 639-1); false when languages are not declared. */
    public boolean supports(String language) {
        return languages.contains(language);
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
