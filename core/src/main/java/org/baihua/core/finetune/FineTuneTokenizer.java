package org.baihua.core.finetune;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.baihua.core.encoder.internal.TextSanitizer;

/**
 * Turns texts into the token ids the encoder sees, with the same tokenizer settings as the served
 * encoder (truncation to its max tokens, no padding), so training and serving see the same ids.
 */
public final class FineTuneTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    /**
     * @param tokenizerFile the encoder's {@code tokenizer.json}
     * @param maxTokens the encoder's max tokens
     * @throws IOException if the file cannot be read
     */
    public FineTuneTokenizer(Path tokenizerFile, int maxTokens) throws IOException {
        tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerFile)
                .optTruncation(true)
                .optMaxLength(maxTokens)
                .optPadding(false)
                .build();
    }

    /** The ids of one text, [CLS] first. */
    public int[] ids(String text) {
        Encoding encoding = tokenizer.encode(TextSanitizer.withoutLoneSurrogates(text));
        long[] ids = encoding.getIds();
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = Math.toIntExact(ids[i]);
        }
        return result;
    }

    /** The ids of each text. */
    public int[][] ids(List<String> texts) {
        int[][] result = new int[texts.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = ids(texts.get(i));
        }
        return result;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
