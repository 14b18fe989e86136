package org.baihua.core.registry;

import java.nio.file.Path;

/** A database the registry contract tests run against: one fresh, empty database per test. */
interface Backend extends AutoCloseable {

    /** The configuration of a fresh database for one test, with {@code dataDir} for embedded files. */
    RegistryConfig config(Path dataDir);

    /** Drops what {@link #config} created. */
    @Override
    void close();
}
