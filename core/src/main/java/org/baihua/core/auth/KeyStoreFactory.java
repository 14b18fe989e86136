package org.baihua.core.auth;

import java.nio.file.Path;
import java.util.List;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;

/**
 * Builds the key store before the injector exists, because whether keys are configured decides
 * which address the host may bind.
 */
public final class KeyStoreFactory {

    /** The keys file; null means {@code <data-dir>/api-keys}. */
    public static final ConfigKey<Path> KEYS_FILE = ConfigKey.path("auth.keys-file", null);
    /** The auth keys. */
    public static final List<ConfigKey<?>> KEYS = List.of(KEYS_FILE);

    private final String envAdminKey;

    /** @param envAdminKey the value of {@code BAIHUA_ADMIN_KEY}, or null */
    public KeyStoreFactory(String envAdminKey) {
        this.envAdminKey = envAdminKey;
    }

    /** The key store for this host's data directory and settings. */
    public KeyStore keyStore(HostConfig host, Settings settings) {
        Path configured = settings.get(KEYS_FILE);
        Path keysFile = configured != null ? configured : host.dataDir().resolve("api-keys");
        return new KeyStore(keysFile, envAdminKey, host.dataDir().resolve("admin.key"));
    }
}
