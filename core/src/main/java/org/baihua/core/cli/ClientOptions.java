package org.baihua.core.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options shared by every command that talks to a running host. */
final class ClientOptions {

    @Option(names = "--url", scope = ScopeType.INHERIT, description = "host URL (default: env BAIHUA_URL, else http://127.0.0.1:8080)")
    String url;

    @Option(names = "--key", scope = ScopeType.INHERIT, description = "API key (default: env BAIHUA_KEY, else ./data/admin.key if readable)")
    String key;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, description = "table (default) or json")
    String output = "table";

    HostClient client() {
        String base = url != null ? url : System.getenv().getOrDefault("BAIHUA_URL", "http://127.0.0.1:8080");
        String apiKey = key != null ? key : System.getenv("BAIHUA_KEY");
        if (apiKey == null) {
            apiKey = HostClient.localAdminKey();
        }
        return new HostClient(base, apiKey);
    }

    boolean json() {
        return switch (output) {
            case "json" -> true;
            case "table" -> false;
            default -> throw new org.baihua.core.InvalidRequestException("output", "--output must be table or json, was '" + output + "'");
        };
    }
}
