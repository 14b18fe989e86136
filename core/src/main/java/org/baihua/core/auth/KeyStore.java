package org.baihua.core.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;

/**
 * The host's API keys: the admin key from {@code BAIHUA_ADMIN_KEY}, and a keys file
 * ({@code name:role:sha256} per line, only hashes at rest). With neither, an admin key is created
 * once in {@code <data-dir>/admin.key} (mode 0600). Lookups compare hashes in constant time.
 */
public final class KeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keysFile;
    private final List<ApiKey> keys = new CopyOnWriteArrayList<>();
    private final boolean configured;
    private final String generatedAdminKey;

    /**
     * @param keysFile the keys file (need not exist)
     * @param envAdminKey the admin key from the environment, or null
     * @param adminKeyFile where a generated admin key is kept
     */
    public KeyStore(Path keysFile, String envAdminKey, Path adminKeyFile) {
        this.keysFile = keysFile;
        keys.addAll(readKeysFile(keysFile));
        if (envAdminKey != null && !envAdminKey.isBlank()) {
            requireStrong(envAdminKey, "BAIHUA_ADMIN_KEY");
            keys.add(new ApiKey("admin (BAIHUA_ADMIN_KEY)", Role.ADMIN, sha256(envAdminKey.trim())));
        }
        configured = !keys.isEmpty();
        // A generated admin key stays valid once keys are added, so creating a reader key never locks
        // the administrator out; it is created only while no key is configured at all.
        if (configured && !Files.exists(adminKeyFile)) {
            generatedAdminKey = null;
        } else {
            String[] created = new String[1];
            String key = loadOrCreateAdminKey(adminKeyFile, created);
            keys.add(new ApiKey("admin (admin.key)", Role.ADMIN, sha256(key)));
            generatedAdminKey = created[0];
        }
    }

    /** Whether keys were configured (environment or keys file) rather than generated. */
    public boolean configured() {
        return configured;
    }

    /** The admin key if it was created by this start (to print once), else empty. */
    public Optional<String> newlyGeneratedAdminKey() {
        return Optional.ofNullable(generatedAdminKey);
    }

    /** The key's holder, if the key is known. Every stored hash is compared, so timing does not tell which matched. */
    public Optional<ApiKey> find(String presented) {
        byte[] hash = HexFormat.of().parseHex(sha256(presented));
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(hash, HexFormat.of().parseHex(key.sha256())) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Creates a key, appends its hash to the keys file and returns the key (shown once). */
    public synchronized String create(String name, Role role) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new InvalidRequestException("name", "key name must be 1-64 of [A-Za-z0-9._@-], was '" + name + "'");
        }
        if (keys.stream().anyMatch(k -> k.name().equals(name))) {
            throw new ConflictException("An API key named '" + name + "' exists already");
        }
        String key = newKey();
        ApiKey stored = new ApiKey(name, role, sha256(key));
        try {
            Files.createDirectories(keysFile.toAbsolutePath().getParent());
            Files.writeString(keysFile, name + ":" + role + ":" + stored.sha256() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write keys file " + keysFile, e);
        }
        keys.add(stored);
        return key;
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "bh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireStrong(String key, String source) {
        if (key.trim().length() < 16) {
            throw new InvalidRequestException(source, source + " must be at least 16 characters long");
        }
    }

    private static List<ApiKey> readKeysFile(Path file) {
        List<ApiKey> read = new ArrayList<>();
        if (!Files.exists(file)) {
            return read;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(":");
                try {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("expected name:role:sha256");
                    }
                    read.add(new ApiKey(parts[0], Role.parse(parts[1]), parts[2].toLowerCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("auth.keys-file", "keys file " + file + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read keys file " + file, e);
        }
        return read;
    }

    private static String loadOrCreateAdminKey(Path file, String[] created) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                requireStrong(key, file.toString());
                return key;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String key = newKey();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            created[0] = key;
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create admin key " + file, e);
        }
    }
}
