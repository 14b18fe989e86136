package org.baihua.core.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.baihua.core.config.ConfigException;
import org.baihua.core.config.ConfigLoader;
import org.baihua.core.config.Settings;
import org.junit.jupiter.api.Test;

class EncoderConfigTest {

    private static EncoderConfig read(Map<String, String> values) {
        return EncoderConfig.from(new Settings(values));
    }

    @Test
    void readsEveryKey() {
        EncoderConfig config = read(Map.of(
                "encoder.default", "bge-small-zh-v15-q",
                "encoder.threads", "3",
                "encoder.intra-op-threads", "2",
                "encoder.directories", "enc/a, enc/b",
                "encoder.cache.path", "somewhere/cache.db",
                "encoder.cache.max-entries", "5_000",
                "encoder.max-texts-per-call", "64",
                "encoder.long-text", " Head-Tail",
                "server.port", "8080"));

        assertThat(config).isEqualTo(new EncoderConfig("bge-small-zh-v15-q", 3, 2,
                List.of(Path.of("enc/a"), Path.of("enc/b")), Path.of("somewhere/cache.db").toAbsolutePath(), 5000, 64,
                LongText.HEAD_TAIL));
        assertThat(config.cacheFileIn(Path.of("data"))).isEqualTo(Path.of("somewhere/cache.db").toAbsolutePath());
    }

    @Test
    void missingKeysTakeTheDefaults() {
        EncoderConfig config = read(Map.of());

        assertThat(config).isEqualTo(EncoderConfig.defaults());
        assertThat(config.defaultEncoder()).isEqualTo("bge-small-en-v15");
        assertThat(config.longText()).as("auto").isNull();
        assertThat(read(Map.of("encoder.long-text", "auto")).longText()).isNull();
        assertThat(config.cacheFileIn(Path.of("data"))).isEqualTo(Path.of("data", "cache", "embeddings.db"));
    }

    @Test
    void anUnknownKeyFailsWithTheClosestKnownOne() {
        // the encoder declares its keys once; the host's loader refuses the rest
        assertThatThrownBy(() -> new ConfigLoader(EncoderConfig.KEYS, Path.of(".")).load(null, Map.of("encoder.thread", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key 'encoder.thread'; did you mean 'encoder.threads'?");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> read(Map.of("encoder.long-text", "middle")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config key 'encoder.long-text' must be one of auto, truncate, chunk, head-tail, was 'middle'");
        assertThatThrownBy(() -> read(Map.of("encoder.threads", "two")))
                .hasMessageContaining("config key 'encoder.threads' must be a whole number, was 'two'");
        assertThatThrownBy(() -> read(Map.of("encoder.threads", "0")))
                .hasMessageContaining("config key 'encoder.threads' must be in [1, 256], was 0");
        assertThatThrownBy(() -> read(Map.of("encoder.cache.max-entries", "-1")))
                .hasMessageContaining("config key 'encoder.cache.max-entries' must be in [0, ");
    }
}
