package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code baihua domains}: the domains of the started plugins and their tasks. */
@Command(name = "domains", mixinStandardHelpOptions = true, description = "List domains and their tasks.")
final class DomainsCommand implements Callable<Integer> {

    @Mixin
    ClientOptions options;

    @Override
    public Integer call() {
        JsonNode domains = options.client().get("/api/v1/domains");
        if (options.json()) {
            System.out.println(HostClient.pretty(domains));
            return 0;
        }
        Table table = new Table("DOMAIN", "TASK", "KIND", "LABELS", "INPUTS", "METRIC");
        for (JsonNode d : domains) {
            for (JsonNode t : d.path("tasks")) {
                StringBuilder inputs = new StringBuilder();
                for (JsonNode f : t.path("inputs")) {
                    inputs.append(inputs.length() == 0 ? "" : ",").append(f.path("name").asText());
                }
                table.row(d.path("id").asText(), t.path("id").asText(), t.path("kind").asText(),
                        t.path("labelsFromData").asBoolean() ? "(from data)" : PluginsCommand.texts(t.path("labels")),
                        inputs.length() > 60 ? inputs.substring(0, 57) + "..." : inputs, t.path("primaryMetric").asText());
            }
        }
        table.print(System.out);
        return 0;
    }
}
