package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;

/**
 * Guice bindings of the registry: the database, the artifact and data set stores under the data
 * directory ({@code artifacts/}, {@code datasets/}), the model registry and the job store. Whoever
 * owns the injector closes the {@link Database} at shutdown.
 */
public final class RegistryModule extends AbstractModule {

    private final Path dataDir;
    private final RegistryConfig config;

    /** The embedded default: SQLite in {@code dataDir}. */
    public RegistryModule(Path dataDir) {
        this(dataDir, RegistryConfig.embedded(dataDir));
    }

    public RegistryModule(Path dataDir, RegistryConfig config) {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(ModelRegistry.class).in(Singleton.class);
        bind(JobStore.class).in(Singleton.class);
        bind(RegistryEvents.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    Database database() {
        return new Database(config);
    }

    @Provides
    @Singleton
    ArtifactStore artifactStore() {
        return new ArtifactStore(dataDir.resolve("artifacts"));
    }

    @Provides
    @Singleton
    DatasetStore datasetStore(Database database) {
        return new DatasetStore(database, dataDir.resolve("datasets"));
    }
}
