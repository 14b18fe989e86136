package org.baihua.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.baihua.core.BaihuaHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void flagsOverrideTheFileAndHomeIsExpanded() throws Exception {
        Path conf = Files.writeString(tmp.resolve("baihua.properties"),
                "server.port=9000\nserver.bind=0.0.0.0\nplugins.dir=${baihua.home}/plugins\n");
        Settings settings = new ConfigLoader(BaihuaHost.configKeys(), tmp.resolve("home")).load(conf, Map.of("server.port", "9100"));
        HostConfig config = HostConfig.from(settings);

        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.pluginsDir()).isEqualTo(tmp.resolve("home/plugins").toAbsolutePath());
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void anUnknownKeyFailsWithTheClosestKnownOne() throws Exception {
        Path conf = Files.writeString(tmp.resolve("baihua.properties"), "server.prot=9000\n");
        assertThatThrownBy(() -> new ConfigLoader(BaihuaHost.configKeys(), tmp).load(conf, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key 'server.prot'")
                .hasMessageContaining("did you mean 'server.port'?");
    }

    @Test
    void aMalformedValueNamesItsKey() {
        Settings settings = new ConfigLoader(BaihuaHost.configKeys(), tmp).load(null, Map.of("server.port", "eighty"));
        assertThatThrownBy(() -> HostConfig.from(settings))
                .hasMessage("config key 'server.port' must be a whole number, was 'eighty'");
        Settings tooHigh = new ConfigLoader(BaihuaHost.configKeys(), tmp).load(null, Map.of("server.port", "70000"));
        assertThatThrownBy(() -> HostConfig.from(tooHigh)).hasMessageContaining("must be in [0, 65535], was 70000");
    }
}
