package org.baihua.core.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.baihua.core.encoder.TextEncoder;
import org.baihua.core.training.TrainingFailedException;

/**
 * Compares the Java encoder with the served ONNX Runtime encoder on the same texts. Fine-tuning
 * starts only when they agree (cosine of every text's vectors at least {@link #REQUIRED}): a
 * mismatch means the graph mapping is wrong, and training it would adapt some other network.
 */
public final class ParityCheck {

    /** The cosine every text must reach before fine-tuning. */
    public static final double REQUIRED = 0.99999;

    /**
     * The outcome.
     *
     * @param texts texts compared
     * @param minimumCosine the lowest cosine over them
     * @param meanCosine the mean cosine
     * @param worstText index of the text with the lowest cosine
     */
    public record Result(int texts, double minimumCosine, double meanCosine, int worstText) {

        /** Whether the lowest cosine reaches {@code required}. */
        public boolean passes(double required) {
            return minimumCosine >= required;
        }
    }

    private ParityCheck() {}

    /**
     * Embeds {@code texts} with both encoders; the Java side runs them in length-sorted padded
     * batches of up to {@code batchSize}, so the padding mask is part of what is compared.
     */
    public static Result compare(BertEncoder java, FineTuneTokenizer tokenizer, TextEncoder served,
                                 List<String> texts, int batchSize) {
        Objects.requireNonNull(texts, "texts is null");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to compare");
        }
        float[][] expected = served.embed(texts);
        int[][] ids = tokenizer.ids(texts);
        float[][] actual = new float[texts.size()][];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(ids[a].length, ids[b].length));
        for (int start = 0; start < order.size(); start += batchSize) {
            List<Integer> chunk = order.subList(start, Math.min(order.size(), start + batchSize));
            int[][] sequences = new int[chunk.size()][];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = ids[chunk.get(i)];
            }
            float[][] vectors = java.embed(TokenBatch.pad(sequences, 0));
            for (int i = 0; i < sequences.length; i++) {
                actual[chunk.get(i)] = vectors[i];
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        int worst = -1;
        for (int i = 0; i < texts.size(); i++) {
            double c = cosine(expected[i], actual[i]);
            sum += c;
            if (c < min) {
                min = c;
                worst = i;
            }
        }
        return new Result(texts.size(), min, sum / texts.size(), worst);
    }

    /**
     * {@link #compare}, failing when a text's cosine is below {@link #REQUIRED}.
     *
     * @throws TrainingFailedException naming the encoder, the lowest cosine and the text
     */
    public static Result require(BertEncoder java, FineTuneTokenizer tokenizer, TextEncoder served, List<String> texts) {
        Result result = compare(java, tokenizer, served, texts, 16);
        if (!result.passes(REQUIRED)) {
            throw new TrainingFailedException("cannot fine-tune encoder '" + served.id() + "': the Java encoder does not"
                    + " reproduce its ONNX Runtime output (cosine " + result.minimumCosine() + " on text "
                    + result.worstText() + " of " + result.texts() + ", " + REQUIRED + " required)");
        }
        return result;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
