package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderConfigTest {

    @Test
    void readsEveryKey() {
        EncoderConfig config = EncoderConfig.fromProperties(Map.of(
                "encoder.default", "bge-small-zh-v15-q",
                "encoder.threads", "3",
                "encoder.intra-op-threads", "2",
                "encoder.directories", "enc/a, enc/b",
                "encoder.cache.path", "somewhere/cache.db",
                "encoder.cache.max-entries", "5_000",
                "encoder.max-texts-per-call", "64",
                "server.port", "8080"));

        assertThat(config).isEqualTo(new EncoderConfig("bge-small-zh-v15-q", 3, 2,
                List.of(Path.of("enc/a"), Path.of("enc/b")), Path.of("somewhere/cache.db"), 5000, 64));
        assertThat(config.cacheFileIn(Path.of("data"))).isEqualTo(Path.of("somewhere/cache.db"));
    }

    @Test
    void missingKeysTakeTheDefaults() {
        EncoderConfig config = EncoderConfig.fromProperties(Map.of());

        assertThat(config).isEqualTo(EncoderConfig.defaults());
        assertThat(config.defaultEncoder()).isEqualTo("bge-small-en-v15");
        assertThat(config.cacheFileIn(Path.of("data"))).isEqualTo(Path.of("data", "cache", "embeddings.db"));
    }

    @Test
    void anUnknownKeyFailsWithTheClosestKnownOne() {
        assertThatThrownBy(() -> EncoderConfig.fromProperties(Map.of("encoder.thread", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown configuration key 'encoder.thread'; did you mean 'encoder.threads'?");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> EncoderConfig.fromProperties(Map.of("encoder.threads", "two")))
                .hasMessageContaining("encoder.threads must be a whole number, was 'two'");
        assertThatThrownBy(() -> EncoderConfig.fromProperties(Map.of("encoder.threads", "0")))
                .hasMessageContaining("encoder.threads must be in [1, 256], was 0");
        assertThatThrownBy(() -> EncoderConfig.fromProperties(Map.of("encoder.cache.max-entries", "-1")))
                .hasMessageContaining("encoder.cache.max-entries must be >= 0");
    }
}
