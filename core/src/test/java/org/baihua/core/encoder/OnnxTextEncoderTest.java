package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.encoder.internal.ModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled encoders run for real (no cache): semantics, batch independence, threads, bad input. */
class OnnxTextEncoderTest {

    @TempDir
    static Path dataDir;

    static OnnxTextEncoder minilm;
    static OnnxTextEncoder bge;

    @BeforeAll
    static void load() {
        DjlEnvironment.configure(dataDir);
        ModelFiles files = new ModelFiles(dataDir, OnnxTextEncoderTest.class.getClassLoader());
        minilm = new OnnxTextEncoder(BundledEncoders.MINILM, files.prepare(BundledEncoders.MINILM), 2, 1);
        bge = new OnnxTextEncoder(BundledEncoders.BGE_SMALL_ZH, files.prepare(BundledEncoders.BGE_SMALL_ZH), 2, 1);
    }

    @AfterAll
    static void close() {
        minilm.close();
        bge.close();
    }

    @Test
    void englishSentencesAboutTheSameThingAreCloserThanUnrelatedOnes() {
        float[][] v = minilm.embed(List.of("chest pain radiating to the left arm", "symptoms of a heart attack",
                "quarterly revenue grew five percent"));

        assertThat(v).hasDimensions(3, 384);
        assertThat(Vectors.cosine(v[0], v[1])).isGreaterThan(Vectors.cosine(v[0], v[2]) + 0.1);
        for (float[] vector : v) {
            assertThat(Vectors.norm(vector)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void chineseSentencesAboutTheSameThingAreCloserThanUnrelatedOnes() {
        float[][] v = bge.embed(List.of("胸痛放射到左臂", "心脏病发作的症状", "季度收入增长了百分之五"));

        assertThat(v).hasDimensions(3, 512);
        assertThat(Vectors.cosine(v[0], v[1])).isGreaterThan(Vectors.cosine(v[0], v[2]) + 0.05);
    }

    @Test
    void aTextGetsTheSameVectorAloneInMixedBatchesAndUnderConcurrentLoad() throws Exception {
        List<String> texts = sentences(40, 11);
        float[][] alone = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            alone[i] = minilm.embed(List.of(texts.get(i)))[0];
        }
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(3));
        float[][] mixed = minilm.embed(shuffled);
        for (int i = 0; i < shuffled.size(); i++) {
            assertThat(mixed[i]).as("in a batch: %s", shuffled.get(i)).containsExactly(alone[texts.indexOf(shuffled.get(i))]);
        }
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int from = c * 5;
                futures.add(callers.submit(() -> minilm.embed(texts.subList(from, from + 10))));
            }
            for (int c = 0; c < 6; c++) {
                float[][] got = futures.get(c).get(2, TimeUnit.MINUTES);
                for (int k = 0; k < 10; k++) {
                    assertThat(got[k]).as("concurrent caller %d text %d", c, k).containsExactly(alone[c * 5 + k]);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void eightThreadsGiveTheSameVectorsAsOneThread() throws Exception {
        List<String> texts = sentences(200, 5);
        float[][] expected = minilm.embed(texts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                List<String> order = new ArrayList<>(texts);
                Collections.rotate(order, t * 25);
                int shift = t * 25;
                Callable<float[][]> task = () -> rotateBack(minilm.embed(order), shift);
                futures.add(pool.submit(task));
            }
            for (Future<float[][]> future : futures) {
                float[][] got = future.get(5, TimeUnit.MINUTES);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got[i]).containsExactly(expected[i]);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void embeddingTheSameTextTwiceIsDeterministic() {
        float[] first = minilm.embed(List.of("deterministic output please"))[0];
        float[] second = minilm.embed(List.of("deterministic output please"))[0];
        assertThat(second).containsExactly(first);
    }

    @Test
    void nullTextIsRejectedWithItsIndex() {
        assertThatThrownBy(() -> minilm.embed(Arrays.asList("fine", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text 1 is null");
    }

    @Test
    void emptyTextGetsTheEmbeddingOfTheEmptySentence() {
        List<Embedding> e = minilm.embedDetailed(List.of("", ""));
        assertThat(e.get(0).tokens()).isEqualTo(2); // [CLS] [SEP]
        assertThat(e.get(0).truncated()).isFalse();
        assertThat(Vectors.norm(e.get(0).vector())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(e.get(1).vector()).containsExactly(e.get(0).vector());
    }

    @Test
    void aHundredThousandCharacterTextIsTruncatedAndReported() {
        String longText = "The patient reported intermittent chest pain. ".repeat(2200).substring(0, 100_000);
        long before = minilm.truncatedTexts();

        List<Embedding> e = minilm.embedDetailed(List.of(longText, "short text"));

        assertThat(e.get(0).tokens()).isGreaterThan(minilm.maxTokens() * 40); // the whole text's length
        assertThat(e.get(0).truncated()).isTrue();
        assertThat(e.get(1).truncated()).isFalse();
        assertThat(minilm.truncatedTexts() - before).isEqualTo(1);
        // Truncation keeps the head: the vector equals that of the text cut well past the limit.
        float[] cut = minilm.embed(List.of(longText.substring(0, 5_000)))[0];
        assertThat(e.get(0).vector()).containsExactly(cut);
    }

    @Test
    void unpairedSurrogatesDoNotBreakTheTokenizer() {
        String lone = "broken \uD800 high and \uDC00 low surrogates";
        String replaced = "broken \uFFFD high and \uFFFD low surrogates";

        float[][] v = minilm.embed(List.of(lone, "end with high \uD83D", replaced));

        assertThat(v[0]).containsExactly(v[2]);
        assertThat(Vectors.norm(v[1])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    /** Varied English sentences from a fixed seed. */
    static List<String> sentences(int count, long seed) {
        String[] subjects = {"The patient", "Our bank", "The turbine", "A nurse", "The committee", "This sensor",
            "The old engine", "Every customer", "The surgeon", "A small startup"};
        String[] verbs = {"reported", "ignored", "measured", "described", "approved", "rejected", "noticed"};
        String[] objects = {"a sharp pain in the lower back", "an unusual transaction at midnight",
            "vibration above the safe limit", "the quarterly budget", "a fever that lasted three days",
            "loan applications from abroad", "oil pressure dropping slowly", "a rash on both arms"};
        String[] tails = {"", " yesterday", " after the inspection", " for the second time this week",
            " despite several warnings from the staff", " and asked for a detailed written explanation"};
        Random random = new Random(seed);
        List<String> result = new ArrayList<>();
        while (result.size() < count) {
            String s = subjects[random.nextInt(subjects.length)] + " " + verbs[random.nextInt(verbs.length)] + " "
                    + objects[random.nextInt(objects.length)] + tails[random.nextInt(tails.length)] + " (" + result.size() + ").";
            result.add(s);
        }
        return result;
    }

    private static float[][] rotateBack(float[][] rotated, int shift) {
        List<float[]> list = new ArrayList<>(Arrays.asList(rotated));
        Collections.rotate(list, -shift);
        return list.toArray(new float[0][]);
    }
}
