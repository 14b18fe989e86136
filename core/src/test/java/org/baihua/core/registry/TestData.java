package org.baihua.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.baihua.sdk.HeadSpec;

/** Values the registry tests build versions from. */
final class TestData {
    private TestData() {}

    static Lineage lineage(String datasetId) {
        return new Lineage(datasetId, "sha256:" + datasetId, "baihua-finance", "0.1.0", "all-minilm-l6-v2-q",
                HeadSpec.mlp(64), Map.of("epochs", 5, "learningRate", 0.001), 42, "tester");
    }

    static Lineage lineage() {
        return lineage("ds-1");
    }

    /** Stand-in ONNX bytes: the store treats the head as opaque bytes, so random content tests it fully. */
    static byte[] head(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] pipeline() {
        return "{\"fields\":[{\"name\":\"text\",\"type\":\"TEXT\"}],\"encoder\":\"all-minilm-l6-v2-q\"}"
                .getBytes(StandardCharsets.UTF_8);
    }

    static TrainingResult result(double macroF1) {
        return new TrainingResult(Map.of("macroF1", macroF1, "accuracy", 0.9), Map.of("training", 1200L));
    }

    /** Creates, trains and completes a new version of {@code model} (domain finance, task fraud). */
    static ModelVersion readyVersion(ModelRegistry registry, String model) {
        ModelVersion queued = registry.createVersion(model, "finance", "fraud", lineage());
        registry.startTraining(model, queued.version());
        return registry.markReady(model, queued.version(), head(4096, queued.version()), pipeline(), result(0.8));
    }
}
