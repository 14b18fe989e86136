package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.encoder.internal.ModelFiles;
import org.baihua.core.encoder.internal.Windows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled fp32 encoder (bge-small-en-v1.5) runs texts in length-bucketed padded batches and
 * handles long texts by windows: the batched vectors equal single runs, chunked vectors equal the
 * token-weighted mean of their windows run one by one, and a short text is untouched by the strategy.
 */
class Fp32EncoderTest {

    @TempDir
    static Path dataDir;

    static OnnxTextEncoder bge;

    @BeforeAll
    static void load() {
        DjlEnvironment.configure(dataDir);
        ModelFiles files = new ModelFiles(dataDir, Fp32EncoderTest.class.getClassLoader());
        bge = new OnnxTextEncoder(BundledEncoders.BGE_SMALL_EN, files.prepare(BundledEncoders.BGE_SMALL_EN), 2, 1);
    }

    @AfterAll
    static void close() {
        bge.close();
    }

    @Test
    void batchedVectorsEqualTheVectorsOfEachTextRunAlone() {
        List<String> texts = new ArrayList<>(OnnxTextEncoderTest.sentences(70, 17));
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) { // lengths up to a few hundred tokens, so the batches pad a lot
            texts.add(String.join(" ", Collections.nCopies(1 + random.nextInt(60), texts.get(i))));
        }
        Collections.shuffle(texts, random);

        float[][] together = bge.embed(texts);

        for (int i = 0; i < texts.size(); i++) {
            float[] alone = bge.embed(List.of(texts.get(i)))[0];
            assertThat(Vectors.cosine(together[i], alone)).as("text %d", i).isGreaterThanOrEqualTo(0.99999);
        }
    }

    @Test
    void aThreeWindowTextIsTheTokenWeightedMeanOfItsWindowsEmbeddedOneByOne() {
        String text = longText(1100);
        List<long[]> windows = bge.windowsOf(text, LongText.CHUNK);
        assertThat(windows).hasSize(3);

        double[] sum = new double[bge.dimensions()];
        int tokens = 0;
        for (long[] window : windows) {
            float[] v = bge.run(List.of(window))[0];
            int weight = window.length - 2; // content tokens, without [CLS] and [SEP]
            tokens += weight;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += weight * v[d];
            }
        }
        float[] expected = unit(sum);
        Embedding chunked = bge.embedDetailed(List.of(text), LongText.CHUNK).get(0);

        assertThat(Vectors.cosine(chunked.vector(), expected)).isGreaterThanOrEqualTo(0.99999);
        assertThat(chunked.truncated()).isFalse();
        assertThat(chunked.tokens()).isEqualTo(bge.tokenCounts(List.of(text))[0]);
        // Windows overlap: together they hold more tokens than the text.
        assertThat(tokens).isGreaterThan(chunked.tokens() - 2);
        // Chunking sees the end of the text, truncation does not.
        float[] truncated = bge.embedDetailed(List.of(text), LongText.TRUNCATE).get(0).vector();
        assertThat(Vectors.cosine(truncated, chunked.vector())).isLessThan(0.9999);
    }

    @Test
    void aShortTextGetsTheSameVectorWhateverTheStrategy() {
        String text = "Vibration of the main bearing exceeded 7 mm/s during the night shift.";
        float[] truncate = bge.embedDetailed(List.of(text), LongText.TRUNCATE).get(0).vector();
        for (LongText strategy : LongText.values()) {
            Embedding e = bge.embedDetailed(List.of(text), strategy).get(0);
            assertThat(e.vector()).as(strategy.key()).containsExactly(truncate);
            assertThat(e.truncated()).isFalse();
        }
    }

    @Test
    void headTailKeepsTheStartAndTheEndInOneWindow() {
        String text = longText(1100);
        List<long[]> head = bge.windowsOf(text, LongText.TRUNCATE);
        List<long[]> headTail = bge.windowsOf(text, LongText.HEAD_TAIL);
        assertThat(headTail).hasSize(1);
        assertThat(headTail.get(0)).hasSize(bge.maxTokens());
        int quarter = (bge.maxTokens() - 2) / 4;
        for (int t = 0; t <= quarter; t++) {
            assertThat(headTail.get(0)[t]).isEqualTo(head.get(0)[t]);
        }
        Embedding e = bge.embedDetailed(List.of(text), LongText.HEAD_TAIL).get(0);
        assertThat(e.truncated()).isTrue();
        assertThat(Vectors.cosine(e.vector(), bge.run(headTail)[0])).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void aVeryLongTextIsChunkedOverAtMostSixteenWindows() {
        String text = longText(20_000);
        assertThat(bge.windowsOf(text, LongText.CHUNK)).hasSize(Windows.MAX_WINDOWS);
        assertThat(bge.embedDetailed(List.of(text), LongText.CHUNK).get(0).truncated()).isTrue();
    }

    /** Distinct words, about {@code words} tokens (each word is one or two tokens). */
    private static String longText(int words) {
        String[] vocabulary = {"pump", "bearing", "pressure", "dropped", "after", "the", "night", "shift", "engineer",
            "replaced", "seal", "valve", "noise", "temperature", "rose", "slowly", "alarm", "reset", "oil", "leak"};
        Random random = new Random(words);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(i % 12 == 11 ? ". " : " ");
        }
        return text.toString().trim();
    }

    private static float[] unit(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] result = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            result[d] = (float) (v[d] / norm);
        }
        return result;
    }
}
