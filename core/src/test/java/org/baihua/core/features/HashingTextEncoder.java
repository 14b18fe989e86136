package org.baihua.core.features;

import java.util.List;
import java.util.Locale;
import org.baihua.core.encoder.TextEncoder;

/** A small deterministic stand-in for the shared encoder: hashed bag of words, L2-normalised. */
public final class HashingTextEncoder implements TextEncoder {

    private final String id;
    private final int dimensions;
    private int calls;

    public HashingTextEncoder(String id, int dimensions) {
        this.id = id;
        this.dimensions = dimensions;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public int maxTokens() {
        return 128;
    }

    /** How many times {@link #embed} was called. */
    public int calls() {
        return calls;
    }

    @Override
    public float[][] embed(List<String> texts) {
        calls++;
        float[][] vectors = new float[texts.size()][dimensions];
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
            for (String word : texts.get(i).toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!word.isEmpty()) {
                    vectors[i][Math.floorMod(word.hashCode(), dimensions)] += 1f;
                }
            }
            double norm = 0;
            for (float v : vectors[i]) {
                norm += v * v;
            }
            if (norm > 0) {
                for (int d = 0; d < dimensions; d++) {
                    vectors[i][d] /= (float) Math.sqrt(norm);
                }
            }
        }
        return vectors;
    }
}
