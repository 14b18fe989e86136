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
 * ({@code name:role:sha256[:created]} per line, only hashes at rest). Setting {@code BAIHUA_ADMIN_KEY}
 * retires a generated {@code admin.key}. With neither, an admin key is created
 * once in {@code <data-dir>/admin.key} (mode 0600). Lookups compare hashes in constant time.
 */
public final class KeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENV_ADMIN = "admin (BAIHUA_ADMIN_KEY)";
    private static final String FILE_ADMIN = "admin (admin.key)";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeyStore.class);

    private final Path keysFile;
    private final List<ApiKey> keys = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.time.Instant> created = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.time.Instant> lastUsed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A key as listed: never the key or its hash.
     *
     * @param name who holds it
     * @param role what it may do
     * @param source {@code keys-file}, {@code environment} or {@code admin.key}
     * @param createdAt when it was created, if known
     * @param lastUsedAt when it was last presented to this host since it started, if it was
     */
    public record KeyView(String name, Role role, String source, java.time.Instant createdAt, java.time.Instant lastUsedAt) {}
    private final boolean configured;
    private final String generatedAdminKey;

    /**
     * @param keysFile the keys file (need not exist)
     * @param envAdminKey the admin key from the environment, or null
     * @param adminKeyFile where a generated admin key is kept
     */
    public KeyStore(Path keysFile, String envAdminKey, Path adminKeyFile) {
        this.keysFile = keysFile;
        keys.addAll(readKeysFile(keysFile, created));
        boolean fromEnvironment = envAdminKey != null && !envAdminKey.isBlank();
        if (fromEnvironment) {
            requireStrong(envAdminKey, "BAIHUA_ADMIN_KEY");
            keys.add(new ApiKey(ENV_ADMIN, Role.ADMIN, sha256(envAdminKey.trim())));
        }
        configured = !keys.isEmpty();
        if (fromEnvironment && Files.exists(adminKeyFile)) {
            // Setting BAIHUA_ADMIN_KEY rotates the admin key: the generated one stops working.
            log.warn("BAIHUA_ADMIN_KEY is set, so the generated admin key in {} is retired and no longer accepted; delete the file",
                    adminKeyFile.getFileName());
            generatedAdminKey = null;
            return;
        }
        // A generated admin key stays valid once keys are added, so creating a reader key never locks
        // the administrator out; it is created only while no key is configured at all.
        if (configured && !Files.exists(adminKeyFile)) {
            generatedAdminKey = null;
        } else {
            String[] created = new String[1];
            String key = loadOrCreateAdminKey(adminKeyFile, created);
            keys.add(new ApiKey(FILE_ADMIN, Role.ADMIN, sha256(key)));
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
        if (match != null) {
            lastUsed.put(match.name(), java.time.Instant.now());
        }
        return Optional.ofNullable(match);
    }

    /** Every key, by name: name, role, where it comes from, created, last used. */
    public List<KeyView> list() {
        return keys.stream()
                .map(k -> new KeyView(k.name(), k.role(), k.name().equals(ENV_ADMIN) ? "environment" : k.name().equals(FILE_ADMIN)
                        ? "admin.key" : "keys-file", created.get(k.name()), lastUsed.get(k.name())))
                .sorted(java.util.Comparator.comparing(KeyView::name))
                .toList();
    }

    /**
     * Revokes a key of the keys file: it is removed from the file (rewritten atomically) and refused at once.
     *
     * @throws org.baihua.core.NotFoundException if no such key
     * @throws ConflictException for the environment or generated admin key, which are not in the file
     */
    public synchronized void revoke(String name) {
        if (ENV_ADMIN.equals(name) || FILE_ADMIN.equals(name)) {
            throw new ConflictException("Key '" + name + "' is not in the keys file: unset BAIHUA_ADMIN_KEY or delete admin.key "
                    + "and restart the host");
        }
        ApiKey key = keys.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new org.baihua.core.NotFoundException("API key '" + name + "' not found"));
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(keysFile, StandardCharsets.UTF_8)) {
                if (!line.trim().startsWith(name + ":")) {
                    kept.add(line);
                }
            }
            Path tmp = keysFile.resolveSibling(keysFile.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, keysFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite keys file " + keysFile.getFileName(), e);
        }
        keys.remove(key);
        created.remove(name);
        lastUsed.remove(name);
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
            java.time.Instant now = java.time.Instant.now();
            Files.writeString(keysFile, name + ":" + role + ":" + stored.sha256() + ":" + now.getEpochSecond() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            created.put(name, java.time.Instant.ofEpochSecond(now.getEpochSecond()));
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

    private static List<ApiKey> readKeysFile(Path file, java.util.Map<String, java.time.Instant> created) {
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
                    if (parts.length != 3 && parts.length != 4) {
                        throw new IllegalArgumentException("expected name:role:sha256[:created-epoch-seconds]");
                    }
                    read.add(new ApiKey(parts[0], Role.parse(parts[1]), parts[2].toLowerCase(java.util.Locale.ROOT)));
                    if (parts.length == 4) {
                        created.put(parts[0], java.time.Instant.ofEpochSecond(Long.parseLong(parts[3].trim())));
                    }
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
