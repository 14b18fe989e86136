package org.baihua.core.auth;

import java.nio.file.Path;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;

/**
 * Builds the key store before the injector exists, because whether keys are configured decides
 * which address the host may bind.
 */
public final class KeyStoreFactory {

    public static final String KEYS_FILE = org.baihua.core.config.ConfigKeys.AUTH_KEYS_FILE;

    private final String envAdminKey;

    /** @param envAdminKey the value of {@code BAIHUA_ADMIN_KEY}, or null */
    public KeyStoreFactory(String envAdminKey) {
        this.envAdminKey = envAdminKey;
    }

    /** The key store for this host's data directory and settings. */
    public KeyStore keyStore(HostConfig host, Settings settings) {
        Path keysFile = settings.path(KEYS_FILE, host.dataDir().resolve("api-keys"));
        return new KeyStore(keysFile, envAdminKey, host.dataDir().resolve("admin.key"));
    }
}
