package org.baihua.core.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.baihua.core.config.Settings;

/** Bindings of the training job system. */
public final class JobsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(TrainingJobs.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    JobsConfig config(Settings settings) {
        return JobsConfig.from(settings);
    }
}
