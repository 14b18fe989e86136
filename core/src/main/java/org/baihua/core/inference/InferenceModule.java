package org.baihua.core.inference;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Bindings of serving. */
public final class InferenceModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Predictor.class).in(Singleton.class);
        bind(org.baihua.core.batch.BatchJobs.class).in(Singleton.class);
        bind(Warmup.class).in(Singleton.class);
        bind(Serving.class).in(Singleton.class);
    }
}
