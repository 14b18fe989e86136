package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.baihua.core.encoder.internal.EncoderDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderDefinitionsTest {

    @TempDir
    Path dir;

    private final EncoderDefinitions definitions = new EncoderDefinitions();

    @Test
    void readsAValidDefinition() throws Exception {
        write("{\"id\": \"e5-small\", \"dimensions\": 384, \"maxTokens\": 512, \"pooling\": \"MEAN\"}");

        EncoderSpec spec = definitions.read(dir);

        assertThat(spec).isEqualTo(new EncoderSpec("e5-small", 384, 512, Pooling.MEAN,
                new EncoderSpec.Directory(dir.toAbsolutePath())));
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        write("{}");
        Files.delete(dir.resolve("tokenizer.json"));

        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("has no tokenizer.json");
    }

    @Test
    void invalidDefinitionsNameTheFileAndTheProblem() throws Exception {
        write("{\"id\": \"e5\", \"dimensions\": 384, \"maxTokens\": 512}");
        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("encoder.json")
                .hasMessageContaining("pooling");

        write("{\"id\": \"e5\", \"dimensions\": 384, \"maxTokens\": 512, \"pooling\": \"max\"}");
        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("pooling must be 'mean' or 'cls', was 'max'");

        write("{\"id\": \"E5 Small\", \"dimensions\": 384, \"maxTokens\": 512, \"pooling\": \"cls\"}");
        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("encoder id 'E5 Small' is not valid");

        write("{\"id\": \"e5\", \"dimension\": 384, \"maxTokens\": 512, \"pooling\": \"cls\"}");
        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("dimension");

        write("not json");
        assertThatThrownBy(() -> definitions.read(dir)).hasMessageContaining("is not a valid encoder definition");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        assertThatThrownBy(() -> definitions.read(dir.resolve("absent"))).hasMessageContaining("does not exist");
    }

    private void write(String json) throws Exception {
        Files.writeString(dir.resolve("encoder.json"), json);
        Files.writeString(dir.resolve("model.onnx"), "x");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
    }
}
