package org.baihua.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.net.URI;
import java.util.List;
import org.baihua.core.auth.AccessModule;
import org.baihua.core.auth.KeyStoreFactory;
import org.baihua.core.auth.KeyStore;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.LimitsConfig;
import org.baihua.core.config.Settings;
import org.baihua.core.internal.Json;
import org.baihua.core.datasets.DatasetsModule;
import org.baihua.core.datasets.IngestLimits;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderModule;
import org.baihua.core.inference.InferenceModule;
import org.baihua.core.inference.Predictor;
import org.baihua.core.jobs.JobsConfig;
import org.baihua.core.jobs.JobsModule;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.metrics.MetricsModule;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.registry.StorageSweep;
import org.baihua.core.storage.SharedStorage;
import org.baihua.core.storage.StorageConfig;
import org.baihua.core.storage.StorageModule;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.RegistryConfig;
import org.baihua.core.registry.RegistryModule;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.plugin.PluginModule;
import org.baihua.core.server.HostServer;
import org.baihua.core.server.ServerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the injector from one module per feature, loads the plugins and
 * starts the HTTP server. Closing it stops everything in reverse order.
 */
public final class BaihuaHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BaihuaHost.class);

    private final Injector injector;
    private final HostConfig config;
    private final HostServer server;

    private BaihuaHost(Injector injector, HostConfig config) {
        this.injector = injector;
        this.config = config;
        this.server = injector.getInstance(HostServer.class);
    }

    /** Builds and starts a host from merged settings and the process environment. */
    public static BaihuaHost start(Settings settings) {
        return start(settings, System.getenv());
    }

    /** Builds and starts a host from merged settings and the given environment ({@code BAIHUA_ADMIN_KEY}). */
    public static BaihuaHost start(Settings settings, java.util.Map<String, String> environment) {
        // Every feature's typed config is read here, before anything starts: a bad value stops the start with its key named.
        HostConfig requested = HostConfig.from(settings);
        RegistryConfig registryConfig = RegistryConfig.from(settings, requested.dataDir());
        IngestLimits ingestLimits = IngestLimits.from(settings);
        EncoderConfig encoderConfig = EncoderConfig.from(settings);
        JobsConfig jobsConfig = JobsConfig.from(settings);
        org.baihua.core.cluster.ClusterConfig clusterConfig = org.baihua.core.cluster.ClusterConfig.from(settings, jobsConfig.hostId());
        LimitsConfig limits = LimitsConfig.from(settings);
        java.util.Set<String> allowedPlugins = PluginHostConfig.allowed(settings);
        // Files created from here on are private (0600/0700); what exists already is narrowed next.
        org.baihua.core.internal.Umask.restrict();
        org.baihua.core.internal.DataDirPermissions.secure(requested.dataDir());
        String version = HostVersion.current();
        // The key is read once and only its hash kept; a copy passed as a system property is cleared
        // so plugins cannot read it there (the process environment stays readable: see docs/operations.md).
        String adminKey = environment.get("BAIHUA_ADMIN_KEY");
        System.clearProperty("BAIHUA_ADMIN_KEY");
        KeyStore keys = new KeyStoreFactory(adminKey).keyStore(requested, settings);
        HostConfig config = requested;
        if (!keys.configured() && !isLoopback(requested.bind())) {
            log.warn("No API key is configured (BAIHUA_ADMIN_KEY or {}), so the host binds 127.0.0.1 instead of {}",
                    KeyStoreFactory.KEYS_FILE, requested.bind());
            config = new HostConfig(requested.port(), "127.0.0.1", requested.dataDir(), requested.pluginsDir());
        }
        HostConfig bound = config;
        Injector injector = Guice.createInjector(Stage.PRODUCTION, List.of(
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Settings.class).toInstance(settings);
                        bind(LimitsConfig.class).toInstance(limits);
                        bind(HostConfig.class).toInstance(bound);
                        bind(KeyStore.class).toInstance(keys);
                        bind(ObjectMapper.class).toInstance(Json.newMapper());
                    }
                },
                new PluginModule(PluginHostConfig.of(config.pluginsDir(), config.dataDir(), version, allowedPlugins)
                        .withKeepVersions(settings.get(PluginHostConfig.KEEP_VERSIONS))),
                new StorageModule(StorageConfig.from(settings), config.dataDir()),
                new RegistryModule(config.dataDir(), registryConfig),
                new DatasetsModule(ingestLimits),
                new EncoderModule(config.dataDir(), encoderConfig),
                new JobsModule(jobsConfig),
                new org.baihua.core.cluster.ClusterModule(clusterConfig),
                new InferenceModule(),
                new org.baihua.core.drift.DriftModule(),
                new AccessModule(),
                new MetricsModule(),
                new ServerModule()));
        BaihuaHost host = new BaihuaHost(injector, config);
        try {
            injector.getInstance(PluginArchive.class).catchUp();
            injector.getInstance(org.baihua.core.registry.PluginVersionUsers.class).attach(injector.getInstance(PluginHost.class));
            injector.getInstance(PluginHost.class).loadAll();
            injector.getInstance(org.baihua.core.inference.Warmup.class).warmProduction();
            injector.getInstance(TrainingJobs.class).recover();
            injector.getInstance(StorageSweep.class).sweep(java.time.Instant.now());
            injector.getInstance(org.baihua.core.cluster.ClusterSignals.class).start();
            host.server.start();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        log.info("Baihua {} listening on {}:{} (data: {}, plugins: {})", version, config.bind(), host.port(),
                config.dataDir(), config.pluginsDir());
        return host;
    }

    /**
     * Every configuration key the host reads, from the typed config of each feature that reads it: the
     * one list unknown keys are checked against.
     */
    public static List<ConfigKey<?>> configKeys() {
        return java.util.stream.Stream.of(HostConfig.KEYS, KeyStoreFactory.KEYS, RegistryConfig.KEYS, IngestLimits.KEYS,
                EncoderConfig.KEYS, JobsConfig.KEYS, LimitsConfig.KEYS, PluginHostConfig.KEYS, StorageConfig.KEYS,
                org.baihua.core.cluster.ClusterConfig.KEYS, org.baihua.core.inference.Warmup.KEYS,
                org.baihua.core.inference.Serving.KEYS,
                org.baihua.core.drift.DriftMonitor.KEYS).flatMap(List::stream).toList();
    }

    private static boolean isLoopback(String address) {
        return address.equals("127.0.0.1") || address.equals("localhost") || address.equals("::1") || address.startsWith("127.");
    }

    /** The admin key if this start created it (print it once), else empty. */
    public java.util.Optional<String> newAdminKey() {
        return injector.getInstance(KeyStore.class).newlyGeneratedAdminKey();
    }

    /** The port the server listens on. */
    public int port() {
        return server.port();
    }

    /** The base URI, for example {@code http://127.0.0.1:8080}. */
    public URI uri() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        if ("0.0.0.0".equals(config.bind())) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The injector, for the CLI and tests that need a service directly. */
    public Injector injector() {
        return injector;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            server.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (AutoCloseable closeable : List.<AutoCloseable>of(injector.getInstance(org.baihua.core.cluster.ClusterSignals.class),
                injector.getInstance(org.baihua.core.batch.BatchJobs.class),
                injector.getInstance(org.baihua.core.inference.Serving.class), injector.getInstance(org.baihua.core.inference.Warmup.class),
                injector.getInstance(TrainingJobs.class),
                injector.getInstance(Predictor.class), injector.getInstance(PluginHost.class), injector.getInstance(EncoderCatalog.class),
                injector.getInstance(Database.class), () -> injector.getInstance(
                        com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Optional<SharedStorage>>() {}))
                        .ifPresent(SharedStorage::close))) {
            try {
                closeable.close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException("close failed", e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
