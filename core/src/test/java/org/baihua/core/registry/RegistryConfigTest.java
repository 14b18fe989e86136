package org.baihua.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.baihua.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void embeddedDefaultIsSqliteInTheDataDirectory() {
        RegistryConfig config = RegistryConfig.embedded(Path.of("data"));
        assertThat(config.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(config.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith(Path.of("data", "registry.db").toString());
        assertThat(config.poolSize()).isEqualTo(RegistryConfig.EMBEDDED_POOL_SIZE);
    }

    @Test
    void unsupportedUrlAndPoolSizeNameTheirKey() {
        assertThatThrownBy(() -> new RegistryConfig("jdbc:mysql://db/x", null, null, 4))
                .isInstanceOf(ConfigException.class)
                .hasMessage("registry.jdbc.url 'jdbc:mysql://db/x' names an unsupported database:"
                        + " use jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("registry.jdbc.url");
        assertThatThrownBy(() -> new RegistryConfig("jdbc:postgresql://db/x", "u", "p", 0))
                .isInstanceOf(ConfigException.class)
                .hasMessage("registry.pool.size must be in [1, 64], was 0");
        assertThatThrownBy(() -> new RegistryConfig(" ", null, null, 4)).hasMessage("registry.jdbc.url is blank");
    }

    @Test
    void passwordNeverAppearsInToString() {
        RegistryConfig config = new RegistryConfig("jdbc:postgresql://db/x", "baihua", "s3cret", 8);
        assertThat(config.toString()).doesNotContain("s3cret").contains("password=***", "user=baihua");
        assertThat(config.dialect()).isEqualTo(Dialect.POSTGRESQL);
    }
}
