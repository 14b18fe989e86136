package org.baihua.core.encoder;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.Objects;

/** Guice bindings of the shared encoders: the catalog (a singleton) and the default encoder. */
public final class EncoderModule extends AbstractModule {

    private final Path dataDir;
    private final EncoderConfig config;

    public EncoderModule(Path dataDir, EncoderConfig config) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir is null");
        this.config = Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(EncoderConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    EncoderCatalog catalog() {
        return new EncoderCatalog(dataDir, config);
    }

    @Provides
    TextEncoder defaultEncoder(EncoderCatalog catalog) {
        return catalog.defaultEncoder();
    }
}
