package org.baihua.core.datasets;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.List;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.formats.CsvAdapter;
import org.baihua.formats.JsonlAdapter;

/** Bindings of ingest: the host's built-in adapters, limits, reader and service. */
public final class DatasetsModule extends AbstractModule {

    private final IngestLimits limits;

    /** @param limits read before the injector is built, so a bad value stops the start before anything runs */
    public DatasetsModule(IngestLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits is null");
    }

    @Override
    protected void configure() {
        bind(IngestLimits.class).toInstance(limits);
        bind(DatasetReader.class).in(Singleton.class);
        bind(DatasetService.class).in(Singleton.class);
        bind(DomainExtensions.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    DomainExtensions.BuiltInAdapters builtInAdapters() {
        return () -> List.of(new CsvAdapter(), new JsonlAdapter());
    }


}
