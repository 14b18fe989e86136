package org.baihua.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.HostVersion;
import org.baihua.core.config.Settings;
import java.util.List;
import org.baihua.formats.CsvAdapter;
import org.baihua.formats.JsonlAdapter;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderModule;
import org.baihua.core.inference.VersionScorer;
import org.baihua.core.internal.Json;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginModule;
import org.baihua.core.plugin.PluginState;
import org.baihua.core.storage.Digests;

/**
 * What a process away from the host needs to score with a packed version: the version's plugin
 * loaded by the host's own plugin host, the shared encoders (and the version's fine-tuned encoder,
 * written out of the packed version), and the version restored by {@link VersionScorer#load}, in a work
 * directory of its own. No registry, no server.
 */
public final class ScoringRuntime implements AutoCloseable {

    private final Injector injector;
    private final VersionScorer scorer;

    private ScoringRuntime(Injector injector, VersionScorer scorer) {
        this.injector = injector;
        this.scorer = scorer;
    }

    /**
     * Loads {@code packed} under {@code workDir} (created if needed; the caller removes it after close).
     *
     * @param mapping the task's fields onto the input's columns, or null
     */
    public static ScoringRuntime start(PackedVersion packed, Path workDir, String mapping) {
        Path pluginsDir = workDir.resolve("plugins");
        Path dataDir = workDir.resolve("data");
        Path encoderDir = packed.hasTunedEncoder() ? workDir.resolve("encoder") : null;
        try {
            Files.createDirectories(pluginsDir);
            Files.createDirectories(dataDir);
            Files.write(pluginsDir.resolve(packed.pluginZipName()), packed.pluginZip());
            if (encoderDir != null) {
                Files.createDirectories(encoderDir);
                for (var file : packed.encoderFiles().entrySet()) {
                    Files.write(encoderDir.resolve(file.getKey()), file.getValue());
                }
                // the files are taken as verified from here on: check that the model is the one the manifest names
                String sha = Digests.sha256Hex(encoderDir.resolve("model.onnx"));
                if (!sha.equals(packed.encoderModelSha256())) {
                    throw new BaihuaException(Kind.INTERNAL, packed.owner() + ": its fine-tuned encoder arrived with SHA-256 "
                            + sha + ", its manifest records " + packed.encoderModelSha256());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out the scoring work directory " + workDir, e);
        }
        ObjectMapper json = Json.newMapper();
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ObjectMapper.class).toInstance(json);
                // the host's built-in adapters, which DomainExtensions serves beside the plugins' (as DatasetsModule binds them)
                bind(DomainExtensions.BuiltInAdapters.class).toInstance(() -> List.of(new CsvAdapter(), new JsonlAdapter()));
            }
        }, new PluginModule(PluginHostConfig.of(pluginsDir, dataDir, HostVersion.current())),
                new EncoderModule(dataDir, EncoderConfig.from(new Settings(packed.encoderSettings()))));
        PluginHost plugins = injector.getInstance(PluginHost.class);
        try {
            plugins.loadAll();
            PluginInfo info = plugins.info(packed.pluginId());
            if (info.state() != PluginState.STARTED) {
                throw new BaihuaException(Kind.UNAVAILABLE, packed.owner() + " needs plugin '" + packed.pluginId() + "', which is "
                        + info.state() + plugins.failure(packed.pluginId()).map(f -> ": " + f.reason()).orElse(""));
            }
            VersionScorer scorer = VersionScorer.load(packed.owner(), packed.pluginId(), packed.pluginVersion(), packed.pipelineJson(),
                    packed.headOnnx(), encoderDir, packed.encoderModelSha256(), mapping, json, injector.getInstance(DomainCatalog.class), injector.getInstance(DomainExtensions.class),
                    injector.getInstance(EncoderCatalog.class));
            return new ScoringRuntime(injector, scorer);
        } catch (RuntimeException e) {
            plugins.close();
            injector.getInstance(EncoderCatalog.class).close();
            throw e;
        }
    }

    /** The scorer of the packed version. */
    public VersionScorer scorer() {
        return scorer;
    }

    @Override
    public void close() {
        scorer.close();
        injector.getInstance(PluginHost.class).close();
        injector.getInstance(EncoderCatalog.class).close();
    }
}
