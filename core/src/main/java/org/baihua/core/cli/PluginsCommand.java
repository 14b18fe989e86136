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

    @Command(name = "list", description = "List installed plugins with their state.")
    int list() {
        JsonNode plugins = options.client().get("/api/v1/plugins");
        if (options.json()) {
            System.out.println(HostClient.pretty(plugins));
            return 0;
        }
        Table table = new Table("ID", "VERSION", "STATE", "DOMAINS", "FAILURE");
        for (JsonNode p : plugins) {
            table.row(p.path("id").asText(), p.path("version").asText(""), p.path("state").asText(),
                    texts(p.path("domains")),
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

    @Command(name = "remove", description = "Stop, unload and delete a plugin.")
    int remove(@Parameters(paramLabel = "ID") String id) {
        options.client().delete("/api/v1/plugins/" + HostClient.segment(id));
        System.out.println("Removed plugin '" + id + "'");
        return 0;
    }

    @Command(name = "enable", description = "Enable and start a plugin.")
    int enable(@Parameters(paramLabel = "ID") String id) {
        return state(options.client().post("/api/v1/plugins/" + HostClient.segment(id) + "/enable", null));
    }

    @Command(name = "disable", description = "Stop and disable a plugin (survives restarts).")
    int disable(@Parameters(paramLabel = "ID") String id) {
        return state(options.client().post("/api/v1/plugins/" + HostClient.segment(id) + "/disable", null));
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
