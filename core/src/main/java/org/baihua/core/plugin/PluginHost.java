package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

/**
 * The host's plugins: loads every zip in the plugins directory, installs new ones at run time,
 * starts, stops, enables, disables, unloads and deletes them. A plugin that fails for any reason
 * is marked FAILED with that reason and its exception, and the rest of the host keeps working.
 *
 * <p>This class holds the lifecycle and the lock; the parts it drives each have one job:
 * {@link PluginFiles} (zips and their expansions), {@link DescriptorChecks} ({@code plugin.properties}),
 * {@link PluginVerifier} (start and check contributions), {@link PluginFailures} (failure records)
 * and {@link RemovalListeners} (who to tell when extensions leave service).
 */
public final class PluginHost implements AutoCloseable {

    private final BaihuaPluginManager manager;
    private final PluginFiles files;
    private final DescriptorChecks descriptors;
    private final PluginVerifier verifier;
    private final Set<String> allowedSha256;
    private final PluginFailures failures = new PluginFailures();
    private final RemovalListeners removalListeners = new RemovalListeners();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Inject
    public PluginHost(PluginHostConfig config, Injector injector) {
        this.allowedSha256 = config.allowedSha256();
        requireNonNull(config, "config is null");
        this.manager = new BaihuaPluginManager(config.workDir(), config.stateDir(),
                new GuiceExtensionFactory(requireNonNull(injector, "injector is null")), config.hostVersion());
        this.files = new PluginFiles(config);
        this.descriptors = new DescriptorChecks(manager.getVersionManager(), config.hostVersion());
        this.verifier = new PluginVerifier(manager);
    }

    /** Loads and starts every plugin zip in the plugins directory (a fresh expansion each time). */
    public void loadAll() {
        lock.writeLock().lock();
        try {
            for (Path zip : files.prepare()) {
                try {
                    load(zip);
                } catch (PluginException e) {
                    failures.loadFailed(e, zip);
                }
            }
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
            PluginDescriptor descriptor = files.inspect(uploadedZip, dir -> {
                PluginDescriptor d = descriptors.read(dir, uploadedZip.getFileName().toString());
                descriptors.checkRequires(d);
                return d;
            });
            String id = descriptor.getPluginId();
            if (manager.getPlugin(id) != null) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' is already installed (version "
                        + manager.getPlugin(id).getDescriptor().getVersion() + "); delete it first");
            }
            // A zip of the same id that failed to load before is replaced by this one.
            Optional<PluginInfo> replaced = failures.clearLoad(id);
            if (replaced.isPresent()) {
                files.delete(id, files.inPluginsDir(replaced.get().file()));
            }
            Path target = files.copyIn(uploadedZip, id, descriptor.getVersion());
            try {
                load(target);
            } catch (PluginException e) {
                discard(id, target);
                throw e;
            }
            Optional<PluginFailure> failed = failures.startFailure(id);
            if (failed.isPresent()) {
                discard(id, target);
                throw new PluginException(Kind.BAD_REQUEST, id, failed.get().reason(), failed.get().cause());
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
            all.addAll(failures.notLoaded());
            all.sort(Comparator.comparing(PluginInfo::id));
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
            return failures.notLoaded(id).orElseThrow(() -> notInstalled(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Why a plugin is FAILED, with the exception behind it when there was one; empty when it is not FAILED. */
    public Optional<PluginFailure> failure(String id) {
        lock.readLock().lock();
        try {
            return failures.failure(id);
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
            removalListeners.fire(id);
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
            removalListeners.fire(id);
        });
    }

    /** Stops a plugin and releases its class loader; its zip stays and loads again at the next start. */
    public void unload(String id) {
        lock.writeLock().lock();
        try {
            requireLoaded(id);
            removalListeners.fire(id);
            if (!manager.unloadPlugin(id)) {
                throw new PluginException(Kind.INTERNAL, id, "Plugin '" + id + "' could not be unloaded");
            }
            failures.clearStart(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stops, unloads and deletes a plugin, zip included. */
    public void delete(String id) {
        lock.writeLock().lock();
        try {
            Optional<PluginInfo> notLoaded = failures.notLoaded(id);
            if (manager.getPlugin(id) == null && notLoaded.isEmpty()) {
                throw notInstalled(id);
            }
            Path zip = files.zipOf(id);
            if (zip == null && notLoaded.isPresent()) {
                zip = files.inPluginsDir(notLoaded.get().file());
            }
            discard(id, zip);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The extensions of a type from every started plugin, with their plugin; the same instances until the plugin stops. */
    public <T> List<Contribution<T>> extensions(Class<T> type) {
        lock.readLock().lock();
        try {
            List<Contribution<T>> result = new ArrayList<>();
            for (PluginWrapper wrapper : manager.getStartedPlugins()) {
                String id = wrapper.getPluginId();
                if (failures.startFailed(id)) {
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
        removalListeners.add(listener);
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
        Path dir = files.expand(zip);
        PluginDescriptor descriptor;
        try {
            descriptor = descriptors.read(dir, file);
            String id = descriptor.getPluginId();
            if (manager.getPlugin(id) != null) {
                throw new PluginException(Kind.CONFLICT, file, "Plugin '" + id + "' in '" + file
                        + "' has the same id as the plugin already loaded from '" + files.zipOf(id).getFileName() + "'");
            }
            descriptors.checkRequires(descriptor);
            manager.loadPlugin(dir);
        } catch (PluginException e) {
            files.deleteExpansion(zip);
            throw e;
        } catch (PluginRuntimeException | IllegalArgumentException e) {
            files.deleteExpansion(zip);
            throw new PluginException(Kind.BAD_REQUEST, file, "Plugin '" + file + "' could not be loaded: " + e.getMessage(), e);
        }
        String id = descriptor.getPluginId();
        files.loaded(id, zip);
        if (!manager.getPlugin(id).getPluginState().isDisabled()) {
            startAndVerify(id);
        }
    }

    private void startAndVerify(String id) {
        failures.clearStart(id);
        PluginFailure failure = verifier.startAndVerify(id, otherDomainIds(id));
        if (failure != null) {
            failures.startFailed(id, failure);
        }
    }

    private Set<String> otherDomainIds(String exceptPluginId) {
        Set<String> ids = new HashSet<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            if (!wrapper.getPluginId().equals(exceptPluginId) && !failures.startFailed(wrapper.getPluginId())) {
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
        if (allowedSha256.isEmpty()) {
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
        if (!allowedSha256.contains(sum)) {
            throw new PluginException(Kind.FORBIDDEN, label, "Plugin zip '" + label + "' (SHA-256 " + sum + ") is not on the allow-list "
                    + PluginHostConfig.ALLOWED_SHA256 + "; nothing of it was loaded");
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
            Optional<PluginInfo> notLoaded = failures.notLoaded(id);
            if (notLoaded.isPresent()) {
                throw new ConflictException("Plugin '" + id + "' failed to load: " + notLoaded.get().failureReason());
            }
            throw notInstalled(id);
        }
    }

    private void discard(String id, Path zip) {
        if (manager.getPlugin(id) != null) {
            removalListeners.fire(id);
            manager.unloadPlugin(id);
        }
        failures.clear(id);
        files.delete(id, zip);
    }

    private PluginInfo toInfo(PluginWrapper wrapper) {
        String id = wrapper.getPluginId();
        PluginDescriptor d = wrapper.getDescriptor();
        String reason = failures.startFailure(id).map(PluginFailure::reason).orElse(null);
        PluginState state = reason != null ? PluginState.FAILED : PluginState.of(wrapper.getPluginState());
        List<String> domains = state == PluginState.STARTED
                ? manager.getExtensions(Domain.class, id).stream().map(Domain::id).toList()
                : List.of();
        Path zip = files.zipOf(id);
        return new PluginInfo(id, d.getVersion(), state, d.getPluginDescription(), d.getProvider(), d.getRequires(),
                domains, reason, zip == null ? "" : zip.getFileName().toString());
    }

    private static NotFoundException notInstalled(String id) {
        return new NotFoundException("Plugin '" + id + "' is not installed");
    }
}
