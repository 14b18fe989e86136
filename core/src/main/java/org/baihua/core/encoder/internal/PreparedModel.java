package org.baihua.core.encoder.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An encoder's files on disk, ready for DJL to load.
 *
 * @param directory the folder holding both files
 * @param modelFile the ONNX model
 * @param tokenizerFile the Hugging Face tokenizer.json
 * @param fingerprint SHA-256 (hex) over the model and tokenizer bytes: changes when the files do
 */
public record PreparedModel(Path directory, Path modelFile, Path tokenizerFile, String fingerprint) {
    public PreparedModel {
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(modelFile, "modelFile is null");
        Objects.requireNonNull(tokenizerFile, "tokenizerFile is null");
        Objects.requireNonNull(fingerprint, "fingerprint is null");
    }
}
