package org.baihua.core.storage;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import java.nio.file.Path;

/**
 * Binds {@code Optional<SharedStorage>}: present with {@code storage.type=s3}, absent for the
 * single-host default, where the registry keeps its files under the data directory.
 */
public final class StorageModule extends AbstractModule {

    private final StorageConfig config;
    private final Path dataDir;

    public StorageModule(StorageConfig config, Path dataDir) {
        this.config = requireNonNull(config, "config is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    @Override
    protected void configure() {
        bind(StorageConfig.class).toInstance(config);
        OptionalBinder<SharedStorage> binder = OptionalBinder.newOptionalBinder(binder(), SharedStorage.class);
        if (config.shared()) {
            binder.setBinding().toProvider(() -> open(config, dataDir)).in(com.google.inject.Singleton.class);
        }
    }

    /** Opens the shared store of an s3 configuration, with this host's cache under {@code dataDir/cache/blobs}. */
    public static SharedStorage open(StorageConfig config, Path dataDir) {
        ObjectStore store = new S3ObjectStore(S3Clients.create(config), config.bucket(), config.prefix(), config.partSize());
        return new SharedStorage(store, new BlobCache(dataDir.resolve("cache").resolve("blobs"), config.cacheMaxBytes()),
                java.time.Duration.ofMinutes(config.sweepGraceMinutes()));
    }
}
