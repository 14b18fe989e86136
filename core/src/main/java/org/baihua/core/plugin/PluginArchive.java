package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.baihua.core.BaihuaException;
import org.baihua.core.storage.Digests;
import org.baihua.core.storage.MissingObjectException;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.SharedStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin zips installed through the API, kept in the shared object store so that every host can
 * install them: the zip is a content-addressed blob and {@code plugins/<id>/<version>.json} records
 * its file name and SHA-256 (one record per version, since versions are installed side by side;
 * records written before that are {@code plugins/<id>.json}, without a version). A plugin version
 * disabled through the API has a marker {@code plugin-states/disabled/<id>/<version>} holding {@code id@version}. A host
 * starting later copies the recorded zips it lacks into its plugins directory ({@link #catchUp})
 * before loading plugins. Without shared storage this does nothing: the plugins directory is the only copy.
 */
public final class PluginArchive {

    private static final Logger log = LoggerFactory.getLogger(PluginArchive.class);
    static final String PREFIX = "plugins/";
    static final String DISABLED_PREFIX = "plugin-states/disabled/";

    private final PluginHostConfig config;
    private final SharedStorage shared;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * One published plugin.
     *
     * @param pluginId the plugin id
     * @param file the zip's file name in a plugins directory
     * @param sha256 the zip's SHA-256 (its blob)
     * @param size the zip's length in bytes
     * @param version the plugin version; null in records written before versions were installed side by side
     */
    public record Entry(String pluginId, String file, String sha256, long size, String version) {

        /** {@code id@version}, or the id alone for a record without a version. */
        public String key() {
            return version == null ? pluginId : new PluginPin(pluginId, version).key();
        }
    }

    @Inject
    public PluginArchive(PluginHostConfig config, Optional<SharedStorage> shared) {
        this.config = requireNonNull(config, "config is null");
        this.shared = shared.orElse(null);
    }

    /** Whether plugins are shared between hosts. */
    public boolean shared() {
        return shared != null;
    }

    /** Records an installed plugin's zip in the shared store (the blob first, then the record). */
    public void publish(PluginInfo info) {
        if (shared == null) {
            return;
        }
        Path zip = config.pluginsDir().resolve(info.file());
        try {
            String sha = Digests.sha256Hex(zip);
            long size = Files.size(zip);
            shared.putBlob(zip, sha, size);
            byte[] record = mapper.writeValueAsBytes(new Entry(info.id(), info.file(), sha, size, info.version()));
            shared.store().put(key(info.id(), info.version()), record, Digests.sha256Hex(record));
        } catch (IOException e) {
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot publish plugin '" + info.id() + "' to " + shared.store().location() + ": " + e, e);
        }
    }

    /** Removes the records of every version of a plugin; their blobs go with the next sweep. */
    public void withdraw(String pluginId) {
        withdraw(pluginId, null);
    }

    /** Removes the record of one version of a plugin ({@code version} null: of every version) and its disabled marker. */
    public void withdraw(String pluginId, String version) {
        if (shared == null) {
            return;
        }
        if (version == null) {
            shared.store().delete(PREFIX + pluginId + ".json"); // written before versions were kept apart
            shared.store().list(PREFIX + pluginId + "/").forEach(info -> shared.store().delete(info.key()));
            shared.store().list(DISABLED_PREFIX + pluginId + "/").forEach(info -> shared.store().delete(info.key()));
        } else {
            shared.store().delete(key(pluginId, version));
            shared.store().delete(disabledKey(pluginId, version));
        }
    }

    /** Records that a plugin version is disabled (or no longer is), for the other hosts to follow. */
    public void markDisabled(String pluginId, String version, boolean disabled) {
        if (shared == null) {
            return;
        }
        String key = disabledKey(pluginId, version);
        if (disabled) {
            byte[] marker = new PluginPin(pluginId, version).key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            shared.store().put(key, marker, Digests.sha256Hex(marker));
        } else {
            shared.store().delete(key);
        }
    }

    /** The plugin versions disabled through the API on any host, as {@code id@version}. */
    public Set<String> disabled() {
        Set<String> keys = new HashSet<>();
        if (shared != null) {
            for (ObjectStore.ObjectInfo info : shared.store().list(DISABLED_PREFIX)) {
                try {
                    keys.add(new String(shared.store().read(info.key(), null), java.nio.charset.StandardCharsets.UTF_8));
                } catch (MissingObjectException e) {
                    continue; // enabled meanwhile
                }
            }
        }
        return keys;
    }

    /** Every published plugin. */
    public List<Entry> entries() {
        return shared == null ? List.of() : entries(shared, mapper);
    }

    /**
     * Copies every published zip that the plugins directory lacks (or holds with other content) into
     * it, checked against its SHA-256; returns the entries copied.
     */
    public List<Entry> catchUp() {
        List<Entry> copied = new ArrayList<>();
        for (Entry entry : entries()) {
            Path target = config.pluginsDir().resolve(entry.file());
            try {
                if (Files.exists(target) && Digests.sha256Hex(target).equals(entry.sha256())) {
                    continue;
                }
                Files.createDirectories(config.pluginsDir());
                Path temp = Files.createTempFile(config.pluginsDir(), ".catch-up-", ".part");
                try (InputStream in = shared.openBlob(entry.sha256())) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
                copied.add(entry);
                log.info("Plugin '{}' copied from {} ({})", entry.pluginId(), shared.store().location(), entry.file());
            } catch (IOException e) {
                throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                        "Cannot copy plugin '" + entry.pluginId() + "' into " + config.pluginsDir() + ": " + e, e);
            }
        }
        return copied;
    }

    /** A published plugin's zip copied from the store into a new temporary file, checked against its SHA-256. */
    public Path download(Entry entry) {
        try {
            Path temp = Files.createTempFile("baihua-plugin-" + entry.pluginId() + "-", ".zip");
            try (InputStream in = shared.openBlob(entry.sha256())) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return temp;
        } catch (IOException e) {
            throw new BaihuaException(BaihuaException.Kind.INTERNAL,
                    "Cannot copy plugin '" + entry.pluginId() + "' from " + shared.store().location() + ": " + e, e);
        }
    }

    /** The blobs the published plugins use, for the storage sweep. */
    public static Set<String> referencedBlobs(SharedStorage shared) {
        Set<String> shas = new HashSet<>();
        entries(shared, new ObjectMapper()).forEach(entry -> shas.add(entry.sha256()));
        return shas;
    }

    private static List<Entry> entries(SharedStorage shared, ObjectMapper mapper) {
        List<Entry> entries = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : shared.store().list(PREFIX)) {
            try {
                entries.add(mapper.readValue(shared.store().read(info.key(), null), Entry.class));
            } catch (MissingObjectException e) {
                continue; // withdrawn meanwhile
            } catch (IOException e) {
                log.warn("Ignoring unreadable plugin record {}: {}", info.key(), e.getMessage());
            }
        }
        return entries;
    }

    private static String key(String pluginId, String version) {
        return PREFIX + pluginId + "/" + keySafe(version) + ".json";
    }

    private static String disabledKey(String pluginId, String version) {
        return DISABLED_PREFIX + pluginId + "/" + keySafe(version);
    }

    /** A version as one segment of an object key (which allows letters, digits, '.', '_' and '-'); the record holds the real one. */
    private static String keySafe(String version) {
        return "v" + version.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
