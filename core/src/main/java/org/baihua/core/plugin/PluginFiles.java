package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.baihua.core.BaihuaException.Kind;

/**
 * The plugins' files: the zips in the plugins directory (what an operator installs), their
 * expansions in the work directory (what PF4J loads, wiped at start), and which zip each loaded
 * plugin came from. Not thread-safe: the {@link PluginHost} lock guards it.
 */
final class PluginFiles {

    private final PluginHostConfig config;
    private final Map<String, Path> zipsById = new LinkedHashMap<>();

    PluginFiles(PluginHostConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Wipes the work directory, creates the directories, and lists the zips to load, sorted. */
    List<Path> prepare() {
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
            return zips;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugins directory " + config.pluginsDir(), e);
        }
    }

    /** Expands a zip into its own, fresh folder of the work directory and returns the folder. */
    Path expand(Path zip) {
        Path dir = expansionOf(zip);
        PluginZips.deleteTree(dir);
        PluginZips.expand(zip, dir);
        return dir;
    }

    /** Expands a zip into a scratch folder, reads it with {@code reader}, and removes the folder. */
    <T> T inspect(Path zip, Function<Path, T> reader) {
        Path dir = config.workDir().resolve(".inspect-" + System.nanoTime());
        try {
            PluginZips.expand(zip, dir);
            return reader.apply(dir);
        } finally {
            PluginZips.deleteTree(dir);
        }
    }

    /** Copies an uploaded zip into the plugins directory as {@code <id>-<version>.zip}. */
    Path copyIn(Path upload, String id, String version) throws IOException {
        Path target = config.pluginsDir().resolve(id + "-" + version + ".zip");
        Files.copy(upload, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Notes that plugin {@code id} was loaded from {@code zip}. */
    void loaded(String id, Path zip) {
        zipsById.put(id, zip);
    }

    /** The zip a loaded plugin came from, or null. */
    Path zipOf(String id) {
        return zipsById.get(id);
    }

    /** A file of the plugins directory, by name. */
    Path inPluginsDir(String fileName) {
        return config.pluginsDir().resolve(fileName);
    }

    /** Forgets a plugin's zip and deletes it and its expansion; a null zip deletes nothing. */
    void delete(String id, Path zip) {
        zipsById.remove(id);
        if (zip == null) {
            return;
        }
        try {
            Files.deleteIfExists(zip);
            PluginZips.deleteTree(expansionOf(zip));
        } catch (IOException | UncheckedIOException e) {
            throw new PluginException(Kind.INTERNAL, id, "Cannot delete files of plugin '" + id + "': " + e.getMessage(), e);
        }
    }

    /** Deletes the expansion of a zip that did not load. */
    void deleteExpansion(Path zip) {
        PluginZips.deleteTree(expansionOf(zip));
    }

    private Path expansionOf(Path zip) {
        String file = zip.getFileName().toString();
        return config.workDir().resolve(file.substring(0, file.length() - ".zip".length()));
    }
}
