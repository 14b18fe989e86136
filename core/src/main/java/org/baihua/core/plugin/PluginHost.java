package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.baihua.sdk.Domain;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's plugins: loads every zip in the plugins directory, installs new ones at run time,
 * starts, stops, enables, disables, unloads and deletes them. A plugin that fails for any reason
 * is marked FAILED with that reason and the rest of the host keeps working.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginHostConfig config;
    private final BaihuaPluginManager manager;
    private final PluginVerifier verifier;
    /** Plugins that never made it into PF4J, by id (or file name when the id is unreadable). */
    private final Map<String, PluginInfo> loadFailures = new LinkedHashMap<>();
    /** Why a loaded plugin is FAILED, by id. */
    private final Map<String, String> failureReasons = new LinkedHashMap<>();
    private final Map<String, Path> zipsById = new LinkedHashMap<>();
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Inject
    public PluginHost(PluginHostConfig config, Injector injector) {
        this.config = requireNonNull(config, "config is null");
        this.manager = new BaihuaPluginManager(config.workDir(), config.stateDir(),
                new GuiceExtensionFactory(requireNonNull(injector, "injector is null")), config.hostVersion());
        this.verifier = new PluginVerifier(manager);
    }

    /** Loads and starts every plugin zip in the plugins directory (a fresh expansion each time). */
    public void loadAll() {
        lock.writeLock().lock();
        try {
            PluginZips.deleteTree(config.workDir());
            Files.createDirectories(config.workDir());
            Files.createDirectories(config.stateDir());
            Files.createDirectories(config.pluginsDir());
            List<Path> zips = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(config.pluginsDir(), "*.zip")) {
                stream.forEach(zips::add);
            }
            zips.sort(null);
            for (Path zip : zips) {
                try {
                    load(zip);
                } catch (PluginException e) {
                    log.warn("Plugin {} failed: {}", zip.getFileName(), e.getMessage());
                    loadFailures.put(e.pluginId(), failedInfo(e.pluginId(), zip, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugins directory " + config.pluginsDir(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Installs a plugin zip (copied into the plugins directory as {@code <id>-<version>.zip}) and
     * starts it. If anything fails, nothing is left behind and the exception says why.
     */
    public PluginInfo install(Path uploadedZip) {
        lock.writeLock().lock();
        try {
            checkAllowed(uploadedZip, uploadedZip.getFileName().toString());
            PluginDescriptor descriptor = inspect(uploadedZip);
            String id = descriptor.getPluginId();
            if (manager.getPlugin(id) != null) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' is already installed (version "
                        + manager.getPlugin(id).getDescriptor().getVersion() + "); delete it first");
            }
            Path target = config.pluginsDir().resolve(id + "-" + descriptor.getVersion() + ".zip");
            removeLoadFailure(id);
            Files.copy(uploadedZip, target, StandardCopyOption.REPLACE_EXISTING);
            try {
                load(target);
            } catch (PluginException e) {
                discard(id, target);
                throw e;
            }
            if (failureReasons.containsKey(id)) {
                String reason = failureReasons.get(id);
                discard(id, target);
                throw new PluginException(Kind.BAD_REQUEST, id, reason);
            }
            return info(id);
        } catch (IOException e) {
            throw new PluginException(Kind.INTERNAL, uploadedZip.getFileName().toString(),
                    "Cannot install plugin from " + uploadedZip.getFileName() + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every plugin: loaded ones with their state, and those that failed to load. */
    public List<PluginInfo> list() {
        lock.readLock().lock();
        try {
            List<PluginInfo> all = new ArrayList<>();
            for (PluginWrapper wrapper : manager.getPlugins()) {
                all.add(toInfo(wrapper));
            }
            all.addAll(loadFailures.values());
            all.sort(java.util.Comparator.comparing(PluginInfo::id));
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One plugin. */
    public PluginInfo info(String id) {
        lock.readLock().lock();
        try {
            PluginWrapper wrapper = manager.getPlugin(id);
            if (wrapper != null) {
                return toInfo(wrapper);
            }
            PluginInfo failed = loadFailures.get(id);
            if (failed == null) {
                throw notInstalled(id);
            }
            return failed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Starts a stopped plugin. */
    public PluginInfo start(String id) {
        return mutate(id, () -> startAndVerify(id));
    }

    /** Stops a plugin; its extensions leave service. */
    public PluginInfo stop(String id) {
        return mutate(id, () -> {
            manager.stopPlugin(id);
            fireRemoved(id);
        });
    }

    /** Enables and starts a disabled plugin; the setting survives restarts. */
    public PluginInfo enable(String id) {
        return mutate(id, () -> {
            if (!manager.enablePlugin(id)) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' cannot be enabled");
            }
            startAndVerify(id);
        });
    }

    /** Stops and disables a plugin; the setting survives restarts. */
    public PluginInfo disable(String id) {
        return mutate(id, () -> {
            if (!manager.disablePlugin(id)) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' cannot be disabled");
            }
            fireRemoved(id);
        });
    }

    /** Stops a plugin and releases its class loader; its zip stays and loads again at the next start. */
    public void unload(String id) {
        lock.writeLock().lock();
        try {
            requireLoaded(id);
            fireRemoved(id);
            if (!manager.unloadPlugin(id)) {
                throw new PluginException(Kind.INTERNAL, id, "Plugin '" + id + "' could not be unloaded");
            }
            failureReasons.remove(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stops, unloads and deletes a plugin, zip included. */
    public void delete(String id) {
        lock.writeLock().lock();
        try {
            if (manager.getPlugin(id) == null && !loadFailures.containsKey(id)) {
                throw notInstalled(id);
            }
            Path zip = zipsById.get(id);
            if (zip == null && loadFailures.containsKey(id)) {
                zip = config.pluginsDir().resolve(loadFailures.get(id).file());
            }
            discard(id, zip);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The extensions of a type from every started plugin, with their plugin. */
    public <T> List<Contribution<T>> extensions(Class<T> type) {
        lock.readLock().lock();
        try {
            List<Contribution<T>> result = new ArrayList<>();
            for (PluginWrapper wrapper : manager.getStartedPlugins()) {
                String id = wrapper.getPluginId();
                if (failureReasons.containsKey(id)) {
                    continue;
                }
                for (T extension : manager.getExtensions(type, id)) {
                    result.add(new Contribution<>(id, wrapper.getDescriptor().getVersion(), extension));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Called with a plugin id whenever a plugin leaves service (stop, disable, unload, delete). */
    public void onRemoval(Consumer<String> listener) {
        removalListeners.add(requireNonNull(listener, "listener is null"));
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void load(Path zip) {
        String file = zip.getFileName().toString();
        checkAllowed(zip, file);
        Path dir = config.workDir().resolve(file.substring(0, file.length() - ".zip".length()));
        PluginZips.deleteTree(dir);
        PluginZips.expand(zip, dir);
        PluginDescriptor descriptor;
        try {
            descriptor = readDescriptor(dir, file);
            String id = descriptor.getPluginId();
            PluginWrapper existing = manager.getPlugin(id);
            if (existing != null) {
                throw new PluginException(Kind.CONFLICT, file, "Plugin '" + id + "' in '" + file
                        + "' has the same id as the plugin already loaded from '" + zipsById.get(id).getFileName() + "'");
            }
            checkRequires(descriptor, file);
            manager.loadPlugin(dir);
        } catch (PluginException e) {
            PluginZips.deleteTree(dir);
            throw e;
        } catch (PluginRuntimeException | IllegalArgumentException e) {
            PluginZips.deleteTree(dir);
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin '" + file + "' could not be loaded: " + e.getMessage(), e);
        }
        String id = descriptor.getPluginId();
        zipsById.put(id, zip);
        if (!manager.getPlugin(id).getPluginState().isDisabled()) {
            startAndVerify(id);
        }
    }

    private void startAndVerify(String id) {
        failureReasons.remove(id);
        String reason = verifier.startAndVerify(id, otherDomainIds(id));
        if (reason != null) {
            log.warn("Plugin '{}' failed: {}", id, reason);
            failureReasons.put(id, reason);
        }
    }

    private Set<String> otherDomainIds(String exceptPluginId) {
        Set<String> ids = new HashSet<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            if (!wrapper.getPluginId().equals(exceptPluginId) && !failureReasons.containsKey(wrapper.getPluginId())) {
                manager.getExtensions(Domain.class, wrapper.getPluginId()).forEach(d -> ids.add(d.id()));
            }
        }
        return ids;
    }

    /**
     * With an allow-list configured, refuses a zip whose SHA-256 is not on it, before it is expanded
     * or any of its classes loads (a plugin runs with the host's privileges from its first class).
     */
    private void checkAllowed(Path zip, String label) {
        if (config.allowedSha256().isEmpty()) {
            return;
        }
        String sum;
        try (java.io.InputStream in = Files.newInputStream(zip)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            sum = java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new PluginException(Kind.INTERNAL, label, "Cannot read plugin zip '" + label + "': " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        if (!config.allowedSha256().contains(sum)) {
            throw new PluginException(Kind.FORBIDDEN, label, "Plugin zip '" + label + "' (SHA-256 " + sum + ") is not on the allow-list "
                    + PluginHostConfig.ALLOWED_SHA256 + "; nothing of it was loaded");
        }
    }

    private PluginDescriptor inspect(Path zip) {
        Path dir = config.workDir().resolve(".inspect-" + System.nanoTime());
        try {
            PluginZips.expand(zip, dir);
            PluginDescriptor descriptor = readDescriptor(dir, zip.getFileName().toString());
            checkRequires(descriptor, descriptor.getPluginId());
            return descriptor;
        } finally {
            PluginZips.deleteTree(dir);
        }
    }

    private static PluginDescriptor readDescriptor(Path dir, String file) {
        PropertiesPluginDescriptorFinder finder = new PropertiesPluginDescriptorFinder();
        if (!Files.isRegularFile(dir.resolve(PropertiesPluginDescriptorFinder.DEFAULT_PROPERTIES_FILE_NAME))) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has no plugin.properties at its root");
        }
        PluginDescriptor descriptor;
        try {
            descriptor = finder.find(dir);
        } catch (PluginRuntimeException e) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has an unreadable descriptor: " + e.getMessage(), e);
        }
        String id = descriptor.getPluginId();
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin zip '" + file + "' has an invalid plugin.id '" + id
                    + "': use 1-64 of [a-z0-9._-]");
        }
        String version = descriptor.getVersion();
        if (version == null || version.isBlank()) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' has no plugin.version");
        }
        return descriptor;
    }

    private void checkRequires(PluginDescriptor descriptor, String label) {
        String requires = descriptor.getRequires();
        String id = descriptor.getPluginId();
        boolean ok;
        try {
            ok = requires == null || requires.isBlank() || "*".equals(requires.trim())
                    || manager.getVersionManager().checkVersionConstraint(config.hostVersion(), requires);
        } catch (RuntimeException e) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' has an invalid plugin.requires '" + requires + "': " + e.getMessage(), e);
        }
        if (!ok) {
            throw new PluginException(Kind.BAD_REQUEST, id, "Plugin '" + id + "' requires host " + requires
                    + ", but this host is " + config.hostVersion());
        }
    }

    private PluginInfo mutate(String id, Runnable action) {
        lock.writeLock().lock();
        try {
            requireLoaded(id);
            action.run();
            return toInfo(manager.getPlugin(id));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireLoaded(String id) {
        if (manager.getPlugin(id) == null) {
            if (loadFailures.containsKey(id)) {
                throw new ConflictException("Plugin '" + id + "' failed to load: " + loadFailures.get(id).failureReason());
            }
            throw notInstalled(id);
        }
    }

    private void discard(String id, Path zip) {
        if (manager.getPlugin(id) != null) {
            fireRemoved(id);
            manager.unloadPlugin(id);
        }
        failureReasons.remove(id);
        loadFailures.remove(id);
        zipsById.remove(id);
        try {
            if (zip != null) {
                Files.deleteIfExists(zip);
                String file = zip.getFileName().toString();
                PluginZips.deleteTree(config.workDir().resolve(file.substring(0, file.length() - ".zip".length())));
            }
        } catch (IOException e) {
            throw new PluginException(Kind.INTERNAL, id, "Cannot delete files of plugin '" + id + "': " + e.getMessage(), e);
        }
    }

    private void removeLoadFailure(String id) {
        PluginInfo failed = loadFailures.remove(id);
        if (failed != null) {
            try {
                Files.deleteIfExists(config.pluginsDir().resolve(failed.file()));
            } catch (IOException e) {
                throw new PluginException(Kind.INTERNAL, id, "Cannot replace failed plugin '" + id + "': " + e.getMessage(), e);
            }
        }
    }

    private void fireRemoved(String id) {
        for (Consumer<String> listener : removalListeners) {
            listener.accept(id);
        }
    }

    private PluginInfo toInfo(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        PluginDescriptor d = wrapper.getDescriptor();
        String reason = failureReasons.get(id);
        PluginState state = reason != null ? PluginState.FAILED : PluginState.of(wrapper.getPluginState());
        List<String> domains = state == PluginState.STARTED
                ? manager.getExtensions(Domain.class, id).stream().map(Domain::id).toList()
                : List.of();
        Path zip = zipsById.get(id);
        return new PluginInfo(id, d.getVersion(), state, d.getPluginDescription(), d.getProvider(), d.getRequires(),
                domains, reason, zip == null ? "" : zip.getFileName().toString());
    }

    private static PluginInfo failedInfo(String key, Path zip, String reason) {
        return new PluginInfo(key, null, PluginState.FAILED, "", "", "", List.of(), reason, zip.getFileName().toString());
    }

    private static NotFoundException notInstalled(String id) {
        return new NotFoundException("Plugin '" + id + "' is not installed");
    }
}
