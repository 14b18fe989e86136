package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.nio.file.Path;
import java.util.Optional;
import org.baihua.core.storage.SharedStorage;

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
        bind(RolloutStore.class).in(Singleton.class);
        bind(JobStore.class).in(Singleton.class);
        bind(StorageSweep.class).in(Singleton.class);
        // Absent unless a StorageModule with storage.type=s3 sets it.
        OptionalBinder.newOptionalBinder(binder(), SharedStorage.class);
        bind(RegistryEvents.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    Database database() {
        return new Database(config);
    }

    @Provides
    @Singleton
    ArtifactStore artifactStore(Optional<SharedStorage> shared) {
        return new ArtifactStore(dataDir.resolve("artifacts"), shared);
    }

    @Provides
    @Singleton
    DatasetStore datasetStore(Database database, Optional<SharedStorage> shared) {
        return new DatasetStore(database, dataDir.resolve("datasets"), shared);
    }
}
