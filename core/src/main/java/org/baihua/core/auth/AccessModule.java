package org.baihua.core.auth;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

/** Bindings of access control (the key store is bound by the host, see {@link AuthModule}). */
public final class AccessModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(AccessControl.class).in(Singleton.class);
    }
}
