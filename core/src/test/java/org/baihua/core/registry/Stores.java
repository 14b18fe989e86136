package org.baihua.core.registry;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.nio.file.Path;

/** The registry's objects for one data directory, built by {@link RegistryModule} as the host builds them. */
final class Stores implements AutoCloseable {
    final Path dataDir;
    final Database database;
    final ArtifactStore artifacts;
    final ModelRegistry registry;
    final JobStore jobs;
    final DatasetStore datasets;

    Stores(Path dataDir, RegistryConfig config) {
        this.dataDir = dataDir;
        Injector injector = Guice.createInjector(new RegistryModule(dataDir, config));
        this.database = injector.getInstance(Database.class);
        this.artifacts = injector.getInstance(ArtifactStore.class);
        this.registry = injector.getInstance(ModelRegistry.class);
        this.jobs = injector.getInstance(JobStore.class);
        this.datasets = injector.getInstance(DatasetStore.class);
    }

    Path artifactFolder(String model, int version) {
        return dataDir.resolve("artifacts").resolve(model).resolve(Integer.toString(version));
    }

    @Override
    public void close() {
        database.close();
    }
}
