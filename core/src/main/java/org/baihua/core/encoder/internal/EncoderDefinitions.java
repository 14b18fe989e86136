package org.baihua.core.encoder.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.encoder.Precision;

/**
 * Reads an encoder directory's {@code encoder.json}, for example
 * {@code {"id": "e5-small", "dimensions": 384, "maxTokens": 512, "pooling": "mean"}}, optionally with
 * {@code "precision": "fp32"} (texts then run in batches; the default {@code int8} runs each alone) and
 * {@code "languages": ["en"]}.
 */
public final class EncoderDefinitions {

    /** The file name read in each encoder directory. */
    public static final String FILE = "encoder.json";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /**
     * The JSON form; unknown keys are rejected so that a typo does not silently fall back to a default.
     * A missing required key fails the spec's own checks, which name it.
     */
    private record Definition(String id, int dimensions, int maxTokens, String pooling, String precision,
                              List<String> languages) {}

    /**
     * The spec of the encoder in {@code directory}.
     *
     * @throws IllegalArgumentException naming the directory and what is wrong: no such directory,
     *     missing files, unreadable or invalid {@code encoder.json}
     */
    public EncoderSpec read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("encoder directory " + directory + " does not exist");
        }
        for (String required : new String[] {FILE, ModelFiles.MODEL, ModelFiles.TOKENIZER}) {
            if (!Files.isRegularFile(directory.resolve(required))) {
                throw new IllegalArgumentException("encoder directory " + directory + " has no " + required
                        + " (it needs " + ModelFiles.MODEL + ", " + ModelFiles.TOKENIZER + " and " + FILE + ")");
            }
        }
        Path file = directory.resolve(FILE);
        Definition definition;
        try {
            definition = mapper.readValue(file.toFile(), Definition.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a valid encoder definition: " + e.getOriginalMessage()
                    + " (expected {\"id\", \"dimensions\", \"maxTokens\", \"pooling\": \"mean\" or \"cls\","
                    + " optionally \"precision\": \"fp32\" or \"int8\" and \"languages\": [\"en\"]})", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (definition == null) {
            throw new IllegalArgumentException(file + " is empty");
        }
        try {
            return new EncoderSpec(definition.id(), definition.dimensions(), definition.maxTokens(),
                    Pooling.parse(definition.pooling()),
                    definition.precision() == null ? Precision.INT8 : Precision.parse(definition.precision()),
                    definition.languages() == null ? List.of() : definition.languages(), null,
                    new EncoderSpec.Directory(directory.toAbsolutePath()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
