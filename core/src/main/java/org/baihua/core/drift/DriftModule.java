package org.baihua.core.drift;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Bindings of drift monitoring. */
public final class DriftModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DriftMonitor.class).in(Singleton.class);
    }
}
