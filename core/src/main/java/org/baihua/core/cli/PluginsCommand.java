package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code baihua plugins list|install|remove|enable|disable}. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List, install and manage plugins on a running host.")
final class PluginsCommand {

    @Mixin
    ClientOptions options;

    @Command(name = "list", description = "List installed plugins, every version, with their state and the models that pin them.")
    int list() {
        JsonNode plugins = options.client().get("/api/v1/plugins");
        if (options.json()) {
            System.out.println(HostClient.pretty(plugins));
            return 0;
        }
        Table table = new Table("ID", "VERSION", "STATE", "CURRENT", "DOMAINS", "PINNED BY", "FAILURE");
        for (JsonNode p : plugins) {
            table.row(p.path("id").asText(), p.path("version").asText(""), p.path("state").asText(),
                    p.path("current").asBoolean() ? "yes" : "", texts(p.path("domains")), texts(p.path("pinnedBy")),
                    p.path("failureReason").asText(""));
        }
        table.print(System.out);
        return 0;
    }

    @Command(name = "install", description = "Install a plugin zip and start it.")
    int install(@Parameters(paramLabel = "ZIP") Path zip) {
        JsonNode plugin = options.client().postFile("/api/v1/plugins", zip, "application/zip");
        System.out.println(options.json() ? HostClient.pretty(plugin)
                : "Installed plugin '" + plugin.path("id").asText() + "' " + plugin.path("version").asText() + ": " + plugin.path("state").asText());
        return 0;
    }

    @Command(name = "remove", description = "Stop, unload and delete a plugin (every version, or the one named); refused while "
            + "READY models pin it, unless --force.")
    int remove(@Parameters(paramLabel = "ID") String id,
               @picocli.CommandLine.Option(names = "--version", paramLabel = "V", description = "Remove only this version.") String version,
               @picocli.CommandLine.Option(names = "--force", description = "Remove even if READY models pin it (they stop serving).")
               boolean force) {
        StringBuilder query = new StringBuilder();
        if (version != null) {
            query.append("?version=").append(java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (force) {
            query.append(query.length() == 0 ? '?' : '&').append("force=true");
        }
        options.client().delete("/api/v1/plugins/" + HostClient.segment(id) + query);
        System.out.println("Removed plugin '" + id + "'" + (version == null ? "" : " version " + version));
        return 0;
    }

    @Command(name = "enable", description = "Enable and start a plugin (every version, or the one named).")
    int enable(@Parameters(paramLabel = "ID") String id,
               @picocli.CommandLine.Option(names = "--version", paramLabel = "V", description = "Enable only this version.") String version) {
        return state(options.client().post("/api/v1/plugins/" + HostClient.segment(id) + "/enable" + versionQuery(version), null));
    }

    @Command(name = "disable", description = "Stop and disable a plugin, every version or the one named (survives restarts).")
    int disable(@Parameters(paramLabel = "ID") String id,
                @picocli.CommandLine.Option(names = "--version", paramLabel = "V", description = "Disable only this version.") String version) {
        return state(options.client().post("/api/v1/plugins/" + HostClient.segment(id) + "/disable" + versionQuery(version), null));
    }

    private static String versionQuery(String version) {
        return version == null ? "" : "?version=" + java.net.URLEncoder.encode(version, java.nio.charset.StandardCharsets.UTF_8);
    }

    private int state(JsonNode plugin) {
        System.out.println(options.json() ? HostClient.pretty(plugin)
                : "Plugin '" + plugin.path("id").asText() + "' is " + plugin.path("state").asText());
        return 0;
    }

    static String texts(JsonNode array) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : array) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(item.asText());
        }
        return out.toString();
    }
}
