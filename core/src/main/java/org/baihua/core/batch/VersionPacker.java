package org.baihua.core.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.ConflictException;
import org.baihua.core.HostVersion;
import org.baihua.core.config.HostConfig;
import org.baihua.core.config.Settings;
import org.baihua.core.internal.Json;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.registry.ArtifactBundle;
import org.baihua.core.registry.ArtifactStore;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.RegistryConfig;
import org.baihua.core.registry.RegistryModule;
import org.baihua.core.registry.VersionState;
import org.baihua.core.storage.SharedStorage;
import org.baihua.core.storage.StorageConfig;
import org.baihua.core.storage.StorageModule;

/**
 * Packs a model version for scoring away from the host, reading what a host reads: the registry
 * (SQLite in the data directory, or PostgreSQL), the artifact (files, or the S3 bucket, checked
 * against its SHA-256; with the version's fine-tuned encoder if it has one) and the plugins directory (plus the plugin zips in the bucket). It opens no
 * server and starts no plugin.
 */
public final class VersionPacker {

    private VersionPacker() {}

    /**
     * Packs the production version of {@code model}, or {@code version}.
     *
     * @param settings the host's settings (data.dir, plugins.dir, registry.*, storage.*, encoder.*)
     * @throws BaihuaException NOT_FOUND (model, version, plugin zip), CONFLICT (no production version, not READY)
     */
    public static PackedVersion pack(Settings settings, String model, Integer version) {
        HostConfig host = HostConfig.from(settings);
        Path dataDir = host.dataDir();
        Injector injector = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ObjectMapper.class).toInstance(Json.newMapper());
                bind(PluginHostConfig.class).toInstance(PluginHostConfig.of(host.pluginsDir(), dataDir, HostVersion.current(),
                        PluginHostConfig.allowed(settings)));
            }
        }, new StorageModule(StorageConfig.from(settings), dataDir), new RegistryModule(dataDir, RegistryConfig.from(settings, dataDir)));
        try {
            ModelRegistry registry = injector.getInstance(ModelRegistry.class);
            ModelVersion target = version == null
                    ? registry.production(model).orElseThrow(() -> new ConflictException("Model '" + model
                            + "' has no production version: promote one, or name a version with --version"))
                    : registry.version(model, version);
            if (target.state() != VersionState.READY) {
                throw new ConflictException("Model '" + model + "' version " + target.version() + " is " + target.state() + ", not READY");
            }
            ArtifactBundle artifact = registry.artifact(target.model(), target.version());
            Map<String, byte[]> encoderFiles = new LinkedHashMap<>();
            if (artifact.encoderDirectory() != null) {
                // read from the artifact just verified against its manifest
                for (String name : ArtifactStore.ENCODER_FILES) {
                    String file = name.substring(ArtifactStore.ENCODER.length() + 1);
                    encoderFiles.put(file, Files.readAllBytes(artifact.encoderDirectory().resolve(file)));
                }
            }
            PluginArchive archive = injector.getInstance(PluginArchive.class);
            if (archive.shared()) {
                archive.catchUp(); // zips installed through another host are in the bucket
            }
            String pluginId = target.lineage().pluginId();
            String pluginVersion = target.lineage().pluginVersion();
            Path zip = findPlugin(host.pluginsDir(), pluginId, pluginVersion);
            Map<String, String> encoderSettings = new LinkedHashMap<>();
            settings.asMap().forEach((k, v) -> {
                if (k.startsWith("encoder.") || k.startsWith("encoders.")) {
                    encoderSettings.put(k, v);
                }
            });
            return new PackedVersion(target.model(), target.version(), pluginId, pluginVersion, artifact.pipelineJson(),
                    artifact.headOnnx(), zip.getFileName().toString(), Files.readAllBytes(zip), encoderSettings, encoderFiles,
                    artifact.encoderModelSha256());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the plugin zip of model '" + model + "'", e);
        } finally {
            injector.getInstance(Database.class).close();
            injector.getInstance(com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Optional<SharedStorage>>() {}))
                    .ifPresent(SharedStorage::close);
        }
    }

    /** The zip in {@code pluginsDir} whose plugin.properties names this plugin and version. */
    static Path findPlugin(Path pluginsDir, String pluginId, String pluginVersion) throws IOException {
        if (!Files.isDirectory(pluginsDir)) {
            throw new BaihuaException(Kind.NOT_FOUND, "The plugins directory " + pluginsDir + " does not exist");
        }
        List<String> seen = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path zip : files.filter(p -> p.getFileName().toString().endsWith(".zip")).sorted().toList()) {
                Properties descriptor = descriptor(zip);
                if (descriptor == null) {
                    continue;
                }
                String id = descriptor.getProperty("plugin.id");
                String v = descriptor.getProperty("plugin.version");
                seen.add(id + " " + v);
                if (pluginId.equals(id) && pluginVersion.equals(v)) {
                    return zip;
                }
            }
        }
        throw new BaihuaException(Kind.NOT_FOUND, "No zip of plugin '" + pluginId + "' " + pluginVersion + " in " + pluginsDir
                + " (it has " + (seen.isEmpty() ? "none" : seen) + ")");
    }

    private static Properties descriptor(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("plugin.properties");
            if (entry == null) {
                return null;
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            return null; // not a plugin zip: skipped, as the host skips it
        }
    }
}
