package org.baihua.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.baihua.core.HostVersion;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import org.baihua.core.encoder.EmbeddingCache;
import org.baihua.core.encoder.Embedding;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderModule;
import org.baihua.core.encoder.LongText;
import org.baihua.core.internal.Json;
import org.baihua.core.jobs.EncoderChoice;
import org.baihua.core.jobs.TrainingTexts;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.plugin.PluginModule;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.RegistryConfig;
import org.baihua.core.registry.RegistryModule;
import org.baihua.core.storage.SharedStorage;
import org.baihua.core.storage.StorageConfig;
import org.baihua.core.storage.StorageModule;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.selection.ModelSelection;
import org.baihua.formats.CsvAdapter;
import org.baihua.formats.JsonlAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.TaskSpec;

/**
 * The host's side of batch embedding away from the host: reads a data set as training reads it
 * (registry and storage by the host's settings), plans what a training run on it would embed
 * ({@link TrainingTexts#plan}) with the domain's current plugin, and stores vectors computed
 * elsewhere into the host's embedding cache, keyed as the host's own lookups key them. It opens no
 * server; the plugins are loaded from copies in a work directory, so the host's own files are not touched.
 */
public final class EmbeddingPlanner implements AutoCloseable {

    private final Injector registry;
    private final Injector runtime;
    private final Map<String, String> encoderSettings;

    private EmbeddingPlanner(Injector registry, Injector runtime, Map<String, String> encoderSettings) {
        this.registry = registry;
        this.runtime = runtime;
        this.encoderSettings = encoderSettings;
    }

    /**
     * Opens the host's registry, storage, plugins (copied under {@code workDir}) and encoders.
     *
     * @param settings the host's settings (data.dir, plugins.dir, registry.*, storage.*, encoder.*)
     * @param workDir a directory of the caller's, removed by the caller after {@link #close}
     */
    public static EmbeddingPlanner open(Settings settings, Path workDir) {
        HostConfig host = HostConfig.from(settings);
        Path dataDir = host.dataDir();
        ObjectMapper json = Json.newMapper();
        Injector registry = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ObjectMapper.class).toInstance(json);
                bind(PluginHostConfig.class).toInstance(PluginHostConfig.of(host.pluginsDir(), dataDir, HostVersion.current(),
                        PluginHostConfig.allowed(settings)));
            }
        }, new StorageModule(StorageConfig.from(settings), dataDir), new RegistryModule(dataDir, RegistryConfig.from(settings, dataDir)));
        Injector runtime = null;
        try {
            PluginArchive archive = registry.getInstance(PluginArchive.class);
            if (archive.shared()) {
                archive.catchUp(); // zips installed through another host are in the bucket
            }
            Path plugins = Files.createDirectories(workDir.resolve("plugins"));
            Path scratch = Files.createDirectories(workDir.resolve("data"));
            if (Files.isDirectory(host.pluginsDir())) {
                try (Stream<Path> zips = Files.list(host.pluginsDir())) {
                    for (Path zip : zips.filter(p -> p.getFileName().toString().endsWith(".zip")).toList()) {
                        Files.copy(zip, plugins.resolve(zip.getFileName()));
                    }
                }
            }
            Map<String, String> encoderSettings = new LinkedHashMap<>();
            settings.asMap().forEach((k, v) -> {
                if (k.startsWith("encoder.") || k.startsWith("encoders.")) {
                    encoderSettings.put(k, v);
                }
            });
            runtime = Guice.createInjector(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(ObjectMapper.class).toInstance(json);
                    bind(DomainExtensions.BuiltInAdapters.class).toInstance(() -> List.of(new CsvAdapter(), new JsonlAdapter()));
                }
            }, new PluginModule(PluginHostConfig.of(plugins, scratch, HostVersion.current(), PluginHostConfig.allowed(settings))),
                    // the host's data directory: its embedding cache is the one to fill
                    new EncoderModule(dataDir, EncoderConfig.from(settings)));
            runtime.getInstance(PluginHost.class).loadAll();
            return new EmbeddingPlanner(registry, runtime, Map.copyOf(encoderSettings));
        } catch (IOException | RuntimeException e) {
            if (runtime != null) {
                runtime.getInstance(PluginHost.class).close();
                runtime.getInstance(EncoderCatalog.class).close();
            }
            closeRegistry(registry);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Cannot lay out the embedding work directory " + workDir, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * What training data set {@code datasetId} with these parameters embeds, chosen as the host chooses.
     *
     * @param encoder the encoder the training request will name, or null for the host's choice
     * @param longText the long-text strategy the request will name, or null for the host's choice
     * @param params the training parameters the request will give (the seed and splits decide the rows the
     *     preprocessing is fitted on)
     * @throws org.baihua.core.NotFoundException if there is no such data set
     * @throws IllegalArgumentException if its task has no text field
     */
    public TrainingTexts.Plan plan(String datasetId, String encoder, String longText, TrainingParams params) {
        DatasetInfo dataset = registry.getInstance(DatasetStore.class).get(datasetId);
        DomainCatalog domains = runtime.getInstance(DomainCatalog.class);
        DomainCatalog.Entry domain = domains.domainAt(dataset.domain(), null);
        PluginPin pin = new PluginPin(domain.pluginId(), domain.pluginVersion());
        TaskSpec task = domains.task(dataset.domain(), dataset.task(), pin);
        EncoderCatalog encoders = runtime.getInstance(EncoderCatalog.class);
        String encoderId = EncoderChoice.choose(encoder, task, dataset, encoders).encoderId();
        List<DataRecord> rows = registry.getInstance(DatasetStore.class).readRows(datasetId);
        return TrainingTexts.plan(datasetId, task, runtime.getInstance(DomainExtensions.class)
                .preprocessors(dataset.domain(), dataset.task(), pin), rows, params, encoderId, longText, encoders,
                ModelSelection.Settings.defaults());
    }

    /** The host's {@code encoder.*} settings, for the executors' encoders (custom encoder directories must exist there). */
    public Map<String, String> encoderSettings() {
        return encoderSettings;
    }

    /** Stores vectors of encoder {@code encoderId} under {@code strategy} into the host's embedding cache. */
    public void store(String encoderId, LongText strategy, Map<EmbeddingCache.TextKey, Embedding> vectors) {
        runtime.getInstance(EncoderCatalog.class).importVectors(encoderId, strategy, vectors);
    }

    @Override
    public void close() {
        try {
            runtime.getInstance(PluginHost.class).close();
            runtime.getInstance(EncoderCatalog.class).close();
        } finally {
            closeRegistry(registry);
        }
    }

    private static void closeRegistry(Injector registry) {
        registry.getInstance(Database.class).close();
        registry.getInstance(Key.get(new TypeLiteral<Optional<SharedStorage>>() {})).ifPresent(SharedStorage::close);
    }
}
