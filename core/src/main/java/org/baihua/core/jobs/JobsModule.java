package org.baihua.core.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Bindings of the training job system. */
public final class JobsModule extends AbstractModule {

    private final JobsConfig config;

    /** @param config read before the injector is built, so a bad value stops the start before anything runs */
    public JobsModule(JobsConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(JobsConfig.class).toInstance(config);
        bind(TrainingJobs.class).in(Singleton.class);
    }
}
