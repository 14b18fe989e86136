package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baihua datasets upload|list|show|delete}. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Upload labelled data for a task, list, show and delete data sets.")
final class DatasetsCommand {

    @Mixin
    ClientOptions options;

    @Command(name = "upload", description = "Ingest a file as a data set for a domain's task.")
    int upload(@Parameters(paramLabel = "FILE") Path file,
               @Option(names = "--domain", required = true, description = "domain id") String domain,
               @Option(names = "--task", required = true, description = "task id") String task,
               @Option(names = "--format", defaultValue = "csv", description = "csv (default), jsonl, or a plugin's format") String format,
               @Option(names = "--name", description = "a name for people") String name,
               @Option(names = "--mapping", description = "task field=file column, e.g. text=Note,label=Dept") String mapping,
               @Option(names = "--label-values", description = "file value:label, e.g. 1:positive,0:negative") String labelValues,
               @Option(names = "--option", description = "adapter option KEY=VALUE (repeatable), e.g. header=false") Map<String, String> adapterOptions,
               @Option(names = "--dry-run", description = "read the file and show what would be stored (columns, mapping, unmapped "
                       + "columns and optional fields, the first records after redaction and preprocessing); store nothing") boolean dryRun) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("domain", domain);
        query.put("task", task);
        query.put("format", format);
        query.put("name", name);
        query.put("mapping", mapping);
        query.put("labelValues", labelValues);
        if (adapterOptions != null) {
            adapterOptions.forEach((k, v) -> query.put("option." + k, v));
        }
        query.put("dryRun", dryRun ? "true" : null);
        JsonNode dataset = options.client().postFile(HostClient.query("/api/v1/datasets", query), file, contentType(format));
        if (options.json()) {
            System.out.println(HostClient.pretty(dataset));
            return 0;
        }
        if (dryRun) {
            printDryRun(dataset);
            return 0;
        }
        System.out.println((dataset.path("reused").asBoolean() ? "Already ingested as data set '" : "Ingested data set '")
                + dataset.path("id").asText() + "': " + dataset.path("rows").asLong() + " rows, "
                + dataset.path("rejectedCount").asLong() + " rejected; labels " + dataset.path("labelCounts"));
        JsonNode rejected = dataset.path("rejected");
        for (int i = 0; i < Math.min(rejected.size(), 10); i++) {
            System.out.println("  line " + rejected.get(i).path("line").asLong() + ": " + rejected.get(i).path("reason").asText());
        }
        if (dataset.path("rejectedCount").asLong() > 10) {
            System.out.println("  ... (all rejected rows: baihua datasets show " + dataset.path("id").asText() + " --output json)");
        }
        return 0;
    }

    private static void printDryRun(JsonNode run) {
        System.out.println("Dry run: nothing was stored.");
        System.out.println("Columns of the file: " + list(run.path("columns")));
        Table mapping = new Table("FIELD", "COLUMN");
        run.path("mapping").fields().forEachRemaining(e -> mapping.row(e.getKey(), e.getValue().asText()));
        mapping.print(System.out);
        System.out.println("Unmapped columns (kept for preprocessors): " + list(run.path("unmappedColumns")));
        System.out.println("Optional fields without a column (stored without them): " + list(run.path("unmappedOptionalFields")));
        System.out.println(run.path("rows").asLong() + " usable rows, " + run.path("rejectedCount").asLong() + " rejected; labels "
                + run.path("labelCounts"));
        for (JsonNode r : run.path("rejected")) {
            System.out.println("  line " + r.path("line").asLong() + ": " + r.path("reason").asText());
        }
        System.out.println("Preprocessing: " + run.path("preprocessing").asText());
        System.out.println("First records after redaction and preprocessing:");
        for (JsonNode r : run.path("preview")) {
            System.out.println("  line " + r.path("line").asLong() + ": " + r.path("values"));
        }
    }

    private static String list(JsonNode array) {
        if (array.isEmpty()) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        array.forEach(n -> text.append(text.length() == 0 ? "" : ", ").append(n.asText()));
        return text.toString();
    }

    @Command(name = "list", description = "List data sets.")
    int list() {
        JsonNode datasets = options.client().get("/api/v1/datasets");
        if (options.json()) {
            System.out.println(HostClient.pretty(datasets));
            return 0;
        }
        Table table = new Table("ID", "NAME", "DOMAIN", "TASK", "FORMAT", "ROWS", "REJECTED", "CREATED");
        for (JsonNode d : datasets) {
            table.row(d.path("id").asText(), d.path("name").asText(""), d.path("domain").asText(), d.path("task").asText(),
                    d.path("format").asText(), d.path("rows").asLong(), d.path("rejectedCount").asLong(), d.path("createdAt").asText());
        }
        table.print(System.out);
        return 0;
    }

    @Command(name = "show", description = "Show a data set with its label counts and rejected rows.")
    int show(@Parameters(paramLabel = "ID") String id) {
        JsonNode d = options.client().get("/api/v1/datasets/" + HostClient.segment(id));
        if (options.json()) {
            System.out.println(HostClient.pretty(d));
            return 0;
        }
        System.out.println(d.path("id").asText() + " (" + d.path("domain").asText() + "/" + d.path("task").asText() + ", "
                + d.path("format").asText() + "): " + d.path("rows").asLong() + " rows, " + d.path("rejectedCount").asLong() + " rejected");
        Table labels = new Table("LABEL", "ROWS");
        d.path("labelCounts").fields().forEachRemaining(e -> labels.row(e.getKey(), e.getValue().asLong()));
        labels.print(System.out);
        for (JsonNode r : d.path("rejected")) {
            System.out.println("  line " + r.path("line").asLong() + ": " + r.path("reason").asText());
        }
        return 0;
    }

    @Command(name = "delete", description = "Delete a data set.")
    int delete(@Parameters(paramLabel = "ID") String id) {
        options.client().delete("/api/v1/datasets/" + HostClient.segment(id));
        System.out.println("Deleted data set '" + id + "'");
        return 0;
    }

    private static String contentType(String format) {
        return switch (format) {
            case "csv" -> "text/csv";
            case "jsonl" -> "application/x-ndjson";
            default -> "application/octet-stream";
        };
    }
}
