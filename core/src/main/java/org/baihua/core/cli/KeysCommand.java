package org.baihua.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.auth.KeyStore;
import org.baihua.core.auth.KeyStoreFactory;
import org.baihua.core.auth.Role;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baihua keys create NAME --role R}: an offline admin operation on a data directory. It
 * appends the new key's hash to the keys file and prints the key once; a running host picks it up
 * when restarted.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys of a data directory (offline).")
final class KeysCommand {

    @Option(names = "--data-dir", scope = picocli.CommandLine.ScopeType.INHERIT, description = "data directory (default from conf, else ./data)")
    Path dataDir;

    @Option(names = "--conf", scope = picocli.CommandLine.ScopeType.INHERIT, description = "config file (default <home>/conf/baihua.properties)")
    Path conf;

    @Command(name = "create", description = "Create an API key with a role and print it once.")
    int create(@Parameters(paramLabel = "NAME", description = "who holds the key, for the audit log") String name,
               @Option(names = "--role", required = true, description = "reader, trainer or admin") String role) {
        Role parsed;
        try {
            parsed = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("role", e.getMessage());
        }
        Settings settings = settings();
        HostConfig host = HostConfig.from(settings);
        String envAdminKey = System.getenv("BAIHUA_ADMIN_KEY");
        KeyStore keys = new KeyStoreFactory(envAdminKey).keyStore(host, settings);
        String key = keys.create(name, parsed);
        System.out.println("Created " + parsed + " key '" + name + "' (shown once, only its hash is kept):");
        System.out.println("  " + key);
        System.out.println("Restart the host to use it.");
        return 0;
    }

    @Command(name = "list", description = "List the keys of the keys file: name, role, created (a running host's GET /api/v1/keys adds last used).")
    int list() {
        Settings settings = settings();
        KeyStore keys = new KeyStoreFactory(System.getenv("BAIHUA_ADMIN_KEY")).keyStore(HostConfig.from(settings), settings);
        System.out.printf("%-32s %-8s %-12s %s%n", "NAME", "ROLE", "SOURCE", "CREATED");
        for (KeyStore.KeyView key : keys.list()) {
            System.out.printf("%-32s %-8s %-12s %s%n", key.name(), key.role(), key.source(),
                    key.createdAt() == null ? "-" : key.createdAt().toString());
        }
        return 0;
    }

    @Command(name = "revoke", description = "Revoke a key of the keys file (a running host's DELETE /api/v1/keys/NAME revokes it at once).")
    int revoke(@Parameters(paramLabel = "NAME", description = "the key's name") String name) {
        Settings settings = settings();
        KeyStore keys = new KeyStoreFactory(System.getenv("BAIHUA_ADMIN_KEY")).keyStore(HostConfig.from(settings), settings);
        keys.revoke(name);
        System.out.println("Revoked key '" + name + "'. Restart the host, or revoke it over the API, for it to stop working now.");
        return 0;
    }

    private Settings settings() {
        return HostOptions.load(conf, dataDir == null ? Map.of() : Map.of(HostConfig.DATA_DIR.name(), dataDir.toString()));
    }
}
