package org.baihua.core.encoder;

import java.util.List;
import java.util.Objects;

/** Checks shared by the encoders. */
final class Texts {

    private Texts() {}

    /** @throws IllegalArgumentException naming the index of the first null text */
    static void requireNoNull(List<String> texts) {
        Objects.requireNonNull(texts, "texts is null");
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null: give an empty string for no text");
            }
        }
    }
}
