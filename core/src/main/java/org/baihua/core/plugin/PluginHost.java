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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's plugins: loads every zip in the plugins directory, installs new ones at run time,
 * starts, stops, enables, disables, unloads and deletes them. A plugin that fails for any reason
 * is marked FAILED with that reason and its exception, and the rest of the host keeps working.
 *
 * <p>A plugin id may be installed at several versions at once, each with its own class loader (PF4J
 * knows each version as {@code id@version}, see {@link PluginPin}). Lookups without a pin see the
 * <em>current</em> version of each id (the newest started one: what new training uses); a model
 * version's lineage pins the version it was trained with ({@link #extensions(Class, PluginPin)}). An
 * older version that no model needs ({@link PluginUsers}) is unloaded, keeping the newest
 * {@link PluginHostConfig#keepVersions()}; its zip stays, and {@link #ensureLoaded} loads it again.
 *
 * <p>This class holds the lifecycle and the lock; the parts it drives each have one job:
 * {@link PluginFiles} (zips and their expansions), {@link DescriptorChecks} ({@code plugin.properties}),
 * {@link PluginVerifier} (start and check contributions), {@link PluginFailures} (failure records)
 * and {@link RemovalListeners} (who to tell when extensions leave service).
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    /** A version unloaded because no model needed it: what to list, and the zip to load it from again. */
    private record Unloaded(PluginInfo info, Path zip) {}

    private final BaihuaPluginManager manager;
    private final PluginFiles files;
    private final DescriptorChecks descriptors;
    private final PluginVerifier verifier;
    private final Set<String> allowedSha256;
    private final int keepVersions;
    private final PluginFailures failures = new PluginFailures();
    private final RemovalListeners removalListeners = new RemovalListeners();
    private final Map<String, Unloaded> unloaded = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile PluginUsers users = PluginUsers.NONE;
    /** The PF4J key of the plugin {@link #loadDevelopment} loaded last, or null. */
    private String developmentKey;

    @Inject
    public PluginHost(PluginHostConfig config, Injector injector) {
        requireNonNull(config, "config is null");
        this.allowedSha256 = config.allowedSha256();
        this.keepVersions = config.keepVersions();
        this.manager = new BaihuaPluginManager(config.workDir(), config.stateDir(),
                new GuiceExtensionFactory(requireNonNull(injector, "injector is null")), config.hostVersion());
        this.files = new PluginFiles(config);
        this.descriptors = new DescriptorChecks(manager.getVersionManager(), config.hostVersion());
        this.verifier = new PluginVerifier(manager);
    }

    /** Tells the host who needs which plugin version (the registry's answer); until then nobody does. */
    public void usedBy(PluginUsers users) {
        this.users = requireNonNull(users, "users is null");
    }

    /** Loads and starts every plugin zip in the plugins directory (a fresh expansion each time). */
    public void loadAll() {
        lock.writeLock().lock();
        try {
            unloaded.clear();
            for (Path zip : files.prepare()) {
                try {
                    load(zip);
                } catch (PluginException e) {
                    failures.loadFailed(e, zip);
                }
            }
            retireUnusedLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Installs a plugin zip (copied into the plugins directory as {@code <id>-<version>.zip}) and
     * starts it beside any other versions of the same id. If anything fails, nothing is left behind
     * and the exception says why.
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
            PluginPin pin = new PluginPin(id, descriptor.getVersion());
            if (manager.getPlugin(pin.key()) != null) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' version " + pin.version()
                        + " is already installed; remove that version first (baihua plugins remove " + id + " --version "
                        + pin.version() + ")");
            }
            Unloaded old = unloaded.remove(pin.key());
            if (old != null && old.zip() != null) {
                files.delete(pin.key(), old.zip());
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
                discard(pin, target);
                throw e;
            }
            Optional<PluginFailure> failed = failures.startFailure(pin.key());
            if (failed.isPresent()) {
                discard(pin, target);
                throw new PluginException(Kind.BAD_REQUEST, id, failed.get().reason(), failed.get().cause());
            }
            retireUnusedLocked();
            return toInfo(manager.getPlugin(pin.key()));
        } catch (IOException e) {
            throw new PluginException(Kind.INTERNAL, uploadedZip.getFileName().toString(),
                    "Cannot install plugin from " + uploadedZip.getFileName() + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Development mode ({@code baihua serve --dev-plugin}): loads and starts the plugin laid out in
     * {@code dir} like an expanded zip ({@code plugin.properties}, {@code classes/}, {@code lib/}, see
     * {@link DevelopmentBuild}), replacing the one this method loaded before. Nothing is copied into the
     * plugins directory: the plugin is gone at the next start without {@code --dev-plugin}.
     *
     * <p>The descriptor is checked before the previous build is unloaded, so a build whose descriptor
     * is wrong leaves the previous one serving.
     *
     * @param dir the staged build
     * @param source where the build came from, for messages
     * @return the plugin as listed: STARTED, or FAILED with the reason its start failed
     * @throws PluginException when it cannot be loaded: a bad descriptor, a {@code requires} that refuses
     *     this host, the same id and version installed from the plugins directory, or a PF4J load failure
     */
    public PluginInfo loadDevelopment(Path dir, String source) {
        lock.writeLock().lock();
        try {
            PluginDescriptor descriptor = descriptors.read(dir, source);
            descriptors.checkRequires(descriptor);
            PluginPin pin = new PluginPin(descriptor.getPluginId(), descriptor.getVersion());
            PluginWrapper installed = manager.getPlugin(pin.key());
            if (installed != null && !pin.key().equals(developmentKey)) {
                throw new PluginException(Kind.CONFLICT, pin.pluginId(), "Plugin '" + pin.pluginId() + "' version " + pin.version()
                        + " is installed from the plugins directory; the development build cannot load beside it: remove it (baihua plugins remove "
                        + pin.pluginId() + " --version " + pin.version() + ") or start with another --plugins-dir");
            }
            if (developmentKey != null && manager.getPlugin(developmentKey) != null) {
                unloadKey(developmentKey, false);
            }
            developmentKey = null;
            failures.clear(pin.key());
            failures.clearLoad(pin.pluginId());
            try {
                manager.loadPlugin(dir);
            } catch (PluginRuntimeException | IllegalArgumentException e) {
                throw new PluginException(Kind.BAD_REQUEST, pin.pluginId(), "Plugin '" + pin.pluginId() + "' could not be loaded from "
                        + source + ": " + e.getMessage(), e);
            }
            developmentKey = pin.key();
            if (!manager.getPlugin(pin.key()).getPluginState().isDisabled()) {
                startAndVerify(pin.key());
            }
            return toInfo(manager.getPlugin(pin.key()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every plugin version: loaded ones with their state, unloaded ones, and zips that failed to load. */
    public List<PluginInfo> list() {
        lock.readLock().lock();
        try {
            List<PluginInfo> all = new ArrayList<>();
            for (PluginWrapper wrapper : manager.getPlugins()) {
                all.add(toInfo(wrapper));
            }
            for (Unloaded u : unloaded.values()) {
                all.add(withUsers(u.info()));
            }
            all.addAll(failures.notLoaded());
            all.sort(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::version,
                    Comparator.nullsLast(this::compareVersions).reversed()));
            return all;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One plugin: its current version, else its newest loaded or unloaded version, else why it failed to load. */
    public PluginInfo info(String id) {
        lock.readLock().lock();
        try {
            Optional<String> key = current(id).or(() -> loadedKeys(id).stream().findFirst());
            if (key.isPresent()) {
                return toInfo(manager.getPlugin(key.get()));
            }
            return unloadedOf(id).stream().findFirst().map(u -> withUsers(u.info()))
                    .or(() -> failures.notLoaded(id)).orElseThrow(() -> notInstalled(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One version of a plugin. */
    public PluginInfo info(String id, String version) {
        if (version == null) {
            return info(id);
        }
        lock.readLock().lock();
        try {
            PluginPin pin = new PluginPin(id, version);
            PluginWrapper wrapper = manager.getPlugin(pin.key());
            if (wrapper != null) {
                return toInfo(wrapper);
            }
            Unloaded u = unloaded.get(pin.key());
            if (u != null) {
                return withUsers(u.info());
            }
            throw noSuchVersion(id, version);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Why a plugin is FAILED (its current or newest version), with the exception behind it; empty when it is not FAILED. */
    public Optional<PluginFailure> failure(String id) {
        lock.readLock().lock();
        try {
            Optional<PluginFailure> notLoaded = failures.failure(id);
            if (notLoaded.isPresent()) {
                return notLoaded;
            }
            for (String key : loadedKeys(id)) {
                Optional<PluginFailure> f = failures.startFailure(key);
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Starts every stopped version of a plugin. */
    public PluginInfo start(String id) {
        return start(id, null);
    }

    /** Starts a stopped plugin version ({@code version} null: every loaded version). */
    public PluginInfo start(String id, String version) {
        return mutate(id, version, this::startAndVerify);
    }

    /** Stops every version of a plugin; their extensions leave service. */
    public PluginInfo stop(String id) {
        return stop(id, null);
    }

    /** Stops a plugin version ({@code version} null: every loaded version); its extensions leave service. */
    public PluginInfo stop(String id, String version) {
        return mutate(id, version, key -> {
            manager.stopPlugin(key);
            removalListeners.fire(PluginPin.ofKey(key));
        });
    }

    /** Enables and starts every version of a disabled plugin; the setting survives restarts. */
    public PluginInfo enable(String id) {
        return enable(id, null);
    }

    /** Enables and starts a disabled plugin version ({@code version} null: every loaded version). */
    public PluginInfo enable(String id, String version) {
        return mutate(id, version, key -> {
            if (!manager.enablePlugin(key)) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' " + PluginPin.ofKey(key).version() + " cannot be enabled");
            }
            startAndVerify(key);
        });
    }

    /** Stops and disables every version of a plugin; the setting survives restarts. */
    public PluginInfo disable(String id) {
        return disable(id, null);
    }

    /** Stops and disables a plugin version ({@code version} null: every loaded version); the setting survives restarts. */
    public PluginInfo disable(String id, String version) {
        return mutate(id, version, key -> {
            if (!manager.disablePlugin(key)) {
                throw new PluginException(Kind.CONFLICT, id, "Plugin '" + id + "' " + PluginPin.ofKey(key).version() + " cannot be disabled");
            }
            removalListeners.fire(PluginPin.ofKey(key));
        });
    }

    /** Stops every version of a plugin and releases their class loaders; the zips stay and load again at the next start. */
    public void unload(String id) {
        lock.writeLock().lock();
        try {
            requireLoaded(id, null);
            for (String key : loadedKeys(id)) {
                unloadKey(key, false);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stops, unloads and deletes every version of a plugin, zips included; refused while a model pins one. */
    public void delete(String id) {
        delete(id, null, false);
    }

    /**
     * Stops, unloads and deletes a plugin version, zip included ({@code version} null: every version).
     *
     * @param force delete even when READY model versions pin it (they stop serving)
     * @throws ConflictException naming the model versions that pin it, unless {@code force}
     */
    public void delete(String id, String version, boolean force) {
        lock.writeLock().lock();
        try {
            Optional<PluginInfo> notLoaded = failures.notLoaded(id);
            List<PluginPin> pins = new ArrayList<>();
            for (String key : loadedKeys(id)) {
                pins.add(PluginPin.ofKey(key));
            }
            unloadedOf(id).forEach(u -> pins.add(new PluginPin(id, u.info().version())));
            if (version != null) {
                pins.removeIf(p -> !p.version().equals(version));
                if (pins.isEmpty()) {
                    throw noSuchVersion(id, version);
                }
            } else if (pins.isEmpty() && notLoaded.isEmpty()) {
                throw notInstalled(id);
            }
            if (!force) {
                for (PluginPin pin : pins) {
                    List<String> pinnedBy = users.users(pin);
                    if (!pinnedBy.isEmpty()) {
                        throw new ConflictException("Plugin '" + id + "' version " + pin.version() + " is pinned by model versions "
                                + pinnedBy + ": retrain them on another version (baihua models retrain MODEL --plugin-version V) or "
                                + "archive them first, or remove with --force (they stop serving)");
                    }
                }
            }
            for (PluginPin pin : pins) {
                Unloaded u = unloaded.remove(pin.key());
                discard(pin, u != null ? u.zip() : files.zipOf(pin.key()));
            }
            if (version == null && notLoaded.isPresent()) {
                failures.clear(id);
                files.delete(id, files.inPluginsDir(notLoaded.get().file()));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The extensions of a type from the current version of every started plugin, with their plugin;
     * the same instances until the plugin stops.
     */
    public <T> List<Contribution<T>> extensions(Class<T> type) {
        return extensions(type, null);
    }

    /**
     * Like {@link #extensions(Class)}, but plugin {@code pin.pluginId()} contributes only its version
     * {@code pin.version()} (nothing if that version is not started).
     *
     * @param pin the version a model was trained with, or null for the current versions
     */
    public <T> List<Contribution<T>> extensions(Class<T> type, PluginPin pin) {
        lock.readLock().lock();
        try {
            List<Contribution<T>> result = new ArrayList<>();
            for (String key : servingKeys(pin)) {
                PluginWrapper wrapper = manager.getPlugin(key);
                String id = PluginPin.ofKey(key).pluginId();
                for (T extension : manager.getExtensions(type, key)) {
                    result.add(new Contribution<>(id, wrapper.getDescriptor().getVersion(), extension));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes sure a plugin version is loaded and started: an unloaded version is loaded again from its
     * zip. Returns false when the version is not installed (or failed).
     */
    public boolean ensureLoaded(PluginPin pin) {
        lock.readLock().lock();
        try {
            if (isServing(pin.key())) {
                return true;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (manager.getPlugin(pin.key()) == null) {
                Unloaded u = unloaded.get(pin.key());
                if (u == null || u.zip() == null || !Files.isRegularFile(u.zip())) {
                    return false;
                }
                unloaded.remove(pin.key());
                try {
                    load(u.zip());
                } catch (PluginException e) {
                    failures.loadFailed(e, u.zip());
                    return false;
                }
                log.info("Loaded plugin {} again: a model needs it", pin);
            }
            return isServing(pin.key());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Why a pinned version cannot serve ("plugin 'x' 1.0.0 is DISABLED"), or empty when it is started. */
    public Optional<String> unavailable(PluginPin pin) {
        lock.readLock().lock();
        try {
            PluginWrapper wrapper = manager.getPlugin(pin.key());
            if (wrapper == null) {
                if (unloaded.containsKey(pin.key())) {
                    return Optional.empty(); // loads again on first use
                }
                return Optional.of("plugin '" + pin.pluginId() + "' version " + pin.version() + " is not installed");
            }
            Optional<PluginFailure> failed = failures.startFailure(pin.key());
            if (failed.isPresent()) {
                return Optional.of("plugin '" + pin.pluginId() + "' version " + pin.version() + " FAILED: " + failed.get().reason());
            }
            if (!wrapper.getPluginState().isStarted()) {
                return Optional.of("plugin '" + pin.pluginId() + "' version " + pin.version() + " is "
                        + PluginState.of(wrapper.getPluginState()));
            }
            return Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Unloads every version that is neither among the newest {@code plugins.keep-versions} of its id nor
     * needed by a model; called after installs, at start and when a model version is archived or deleted.
     */
    public void retireUnused() {
        lock.writeLock().lock();
        try {
            retireUnusedLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Called with the plugin version whenever one leaves service (stop, disable, unload, delete). */
    public void onRemoval(Consumer<PluginPin> listener) {
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

    private void retireUnusedLocked() {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            byId.computeIfAbsent(PluginPin.ofKey(wrapper.getPluginId()).pluginId(), this::loadedKeys);
        }
        for (List<String> keys : byId.values()) {
            for (String key : keys.subList(Math.min(keepVersions, keys.size()), keys.size())) {
                PluginPin pin = PluginPin.ofKey(key);
                List<String> pinnedBy;
                try {
                    pinnedBy = users.users(pin);
                } catch (RuntimeException e) {
                    log.warn("Cannot tell which models use plugin {}; it stays loaded", pin, e);
                    continue;
                }
                if (pinnedBy.isEmpty()) {
                    unloadKey(key, true);
                    log.info("Unloaded plugin {}: a newer version is installed and no model needs it", pin);
                }
            }
        }
    }

    /** Unloads one version; {@code remember} keeps it listed as UNLOADED, to load again from its zip. */
    private void unloadKey(String key, boolean remember) {
        PluginPin pin = PluginPin.ofKey(key);
        PluginInfo before = toInfo(manager.getPlugin(key));
        removalListeners.fire(pin);
        if (!manager.unloadPlugin(key)) {
            throw new PluginException(Kind.INTERNAL, pin.pluginId(), "Plugin '" + pin.pluginId() + "' " + pin.version()
                    + " could not be unloaded");
        }
        failures.clearStart(key);
        if (remember) {
            unloaded.put(key, new Unloaded(new PluginInfo(before.id(), before.version(), PluginState.UNLOADED, before.description(),
                    before.provider(), before.requires(), List.of(), null, before.file()), files.zipOf(key)));
        }
    }

    private void load(Path zip) {
        String file = zip.getFileName().toString();
        checkAllowed(zip, file);
        Path dir = files.expand(zip);
        PluginDescriptor descriptor;
        try {
            descriptor = descriptors.read(dir, file);
            PluginPin pin = new PluginPin(descriptor.getPluginId(), descriptor.getVersion());
            if (manager.getPlugin(pin.key()) != null) {
                throw new PluginException(Kind.CONFLICT, file, "Plugin '" + pin.pluginId() + "' version " + pin.version() + " in '" + file
                        + "' has the same id and version as the plugin already loaded from '" + files.zipOf(pin.key()).getFileName() + "'");
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
        String key = new PluginPin(descriptor.getPluginId(), descriptor.getVersion()).key();
        files.loaded(key, zip);
        if (!manager.getPlugin(key).getPluginState().isDisabled()) {
            startAndVerify(key);
        }
    }

    private void startAndVerify(String key) {
        failures.clearStart(key);
        PluginFailure failure = verifier.startAndVerify(key, otherDomainIds(key));
        if (failure != null) {
            failures.startFailed(key, failure);
        }
    }

    /** The domains of the other plugins; versions of the same plugin may (and usually do) share domain ids. */
    private Set<String> otherDomainIds(String exceptKey) {
        String exceptId = PluginPin.ofKey(exceptKey).pluginId();
        Set<String> ids = new HashSet<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            String key = wrapper.getPluginId();
            if (!PluginPin.ofKey(key).pluginId().equals(exceptId) && !failures.startFailed(key)) {
                manager.getExtensions(Domain.class, key).forEach(d -> ids.add(d.id()));
            }
        }
        return ids;
    }

    /** The PF4J keys of a plugin's loaded versions, newest first. */
    private List<String> loadedKeys(String id) {
        List<String> keys = new ArrayList<>();
        for (PluginWrapper wrapper : manager.getPlugins()) {
            if (PluginPin.ofKey(wrapper.getPluginId()).pluginId().equals(id)) {
                keys.add(wrapper.getPluginId());
            }
        }
        keys.sort(Comparator.comparing((String k) -> PluginPin.ofKey(k).version(), this::compareVersions).reversed());
        return keys;
    }

    private List<Unloaded> unloadedOf(String id) {
        return unloaded.values().stream().filter(u -> u.info().id().equals(id))
                .sorted(Comparator.comparing((Unloaded u) -> u.info().version(), this::compareVersions).reversed()).toList();
    }

    /** The newest started, healthy version of a plugin: what lookups without a pin and new training use. */
    private Optional<String> current(String id) {
        return loadedKeys(id).stream().filter(this::isServing).findFirst();
    }

    private boolean isServing(String key) {
        PluginWrapper wrapper = manager.getPlugin(key);
        return wrapper != null && wrapper.getPluginState().isStarted() && !failures.startFailed(key);
    }

    /** The keys whose extensions a lookup sees: the current version of each id, or the pinned one for the pin's id. */
    private List<String> servingKeys(PluginPin pin) {
        Set<String> ids = new java.util.TreeSet<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            ids.add(PluginPin.ofKey(wrapper.getPluginId()).pluginId());
        }
        List<String> keys = new ArrayList<>();
        for (String id : ids) {
            if (pin != null && pin.pluginId().equals(id)) {
                if (isServing(pin.key())) {
                    keys.add(pin.key());
                }
            } else {
                current(id).ifPresent(keys::add);
            }
        }
        // plugin order as PF4J loaded them, as before versions existed
        List<String> ordered = new ArrayList<>();
        for (PluginWrapper wrapper : manager.getStartedPlugins()) {
            if (keys.contains(wrapper.getPluginId())) {
                ordered.add(wrapper.getPluginId());
            }
        }
        return ordered;
    }

    private int compareVersions(String a, String b) {
        try {
            return manager.getVersionManager().compareVersions(a, b);
        } catch (RuntimeException e) {
            return a.compareTo(b); // not semantic versions: the host still orders them, by text
        }
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

    private PluginInfo mutate(String id, String version, Consumer<String> action) {
        lock.writeLock().lock();
        try {
            List<String> keys = requireLoaded(id, version);
            for (String key : keys) {
                action.accept(key);
            }
            return toInfo(manager.getPlugin(keys.get(0)));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The keys of the loaded versions meant ({@code version} null: all, newest first), or why there are none. */
    private List<String> requireLoaded(String id, String version) {
        List<String> keys = loadedKeys(id);
        if (version != null) {
            keys = keys.stream().filter(k -> PluginPin.ofKey(k).version().equals(version)).toList();
            if (keys.isEmpty()) {
                throw noSuchVersion(id, version);
            }
        }
        if (keys.isEmpty()) {
            Optional<PluginInfo> notLoaded = failures.notLoaded(id);
            if (notLoaded.isPresent()) {
                throw new ConflictException("Plugin '" + id + "' failed to load: " + notLoaded.get().failureReason());
            }
            if (!unloadedOf(id).isEmpty()) {
                throw new ConflictException("Plugin '" + id + "' is unloaded (no model needs it); it loads again when a model pinning it serves");
            }
            throw notInstalled(id);
        }
        return keys;
    }

    private void discard(PluginPin pin, Path zip) {
        if (manager.getPlugin(pin.key()) != null) {
            removalListeners.fire(pin);
            manager.unloadPlugin(pin.key());
        }
        failures.clear(pin.key());
        files.delete(pin.key(), zip);
    }

    private PluginInfo toInfo(PluginWrapper wrapper) {
        String key = wrapper.getPluginId();
        PluginPin pin = PluginPin.ofKey(key);
        PluginDescriptor d = wrapper.getDescriptor();
        String reason = failures.startFailure(key).map(PluginFailure::reason).orElse(null);
        PluginState state = reason != null ? PluginState.FAILED : PluginState.of(wrapper.getPluginState());
        List<String> domains = state == PluginState.STARTED
                ? manager.getExtensions(Domain.class, key).stream().map(Domain::id).toList()
                : List.of();
        Path zip = files.zipOf(key);
        boolean current = current(pin.pluginId()).map(key::equals).orElse(false);
        return new PluginInfo(pin.pluginId(), d.getVersion(), state, d.getPluginDescription(), d.getProvider(), d.getRequires(),
                domains, reason, zip == null ? "" : zip.getFileName().toString(), current, pinnedBy(pin));
    }

    private PluginInfo withUsers(PluginInfo info) {
        return new PluginInfo(info.id(), info.version(), info.state(), info.description(), info.provider(), info.requires(),
                info.domains(), info.failureReason(), info.file(), false, pinnedBy(new PluginPin(info.id(), info.version())));
    }

    private List<String> pinnedBy(PluginPin pin) {
        try {
            return users.users(pin);
        } catch (RuntimeException e) {
            log.warn("Cannot tell which models use plugin {}", pin, e);
            return List.of();
        }
    }

    private static NotFoundException notInstalled(String id) {
        return new NotFoundException("Plugin '" + id + "' is not installed");
    }

    private NotFoundException noSuchVersion(String id, String version) {
        List<String> versions = new ArrayList<>(loadedKeys(id).stream().map(k -> PluginPin.ofKey(k).version()).toList());
        unloadedOf(id).forEach(u -> versions.add(u.info().version()));
        return new NotFoundException("Plugin '" + id + "' has no version " + version + (versions.isEmpty()
                ? "; it is not installed" : "; installed versions: " + versions));
    }
}
