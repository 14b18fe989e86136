package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.baihua.core.InvalidRequestException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baihua predict}: labels for records given inline as JSON or in a JSON Lines file (sent in batches). */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict labels with a model's production (or a named) version.")
final class PredictCommand implements Callable<Integer> {

    /** Records per request; the host takes at most 1,000. */
    static final int BATCH = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions options;

    @Option(names = "--model", required = true, description = "model name")
    String model;

    @Option(names = "--version", description = "a READY version to use instead of the production one")
    Integer version;

    @Option(names = "--explain", description = "add explanations (slower)")
    boolean explain;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--json", description = "one record {\"field\": value, ...} or an array of records")
        String json;

        @Option(names = "--file", description = "JSON Lines file, one record per line")
        Path file;
    }

    @Override
    public Integer call() {
        List<JsonNode> records = input.json != null ? inline(input.json) : lines(input.file);
        if (records.isEmpty()) {
            throw new InvalidRequestException("records", "No records to predict: " + (input.file != null ? input.file + " is empty" : "--json is empty"));
        }
        HostClient client = options.client();
        String path = "/api/v1/models/" + HostClient.segment(model) + "/predict"
                + (version == null ? "" : "?version=" + version);
        ArrayNode predictions = JSON.createArrayNode();
        ArrayNode warnings = JSON.createArrayNode();
        JsonNode answer = null;
        for (int from = 0; from < records.size(); from += BATCH) {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("records").addAll(records.subList(from, Math.min(records.size(), from + BATCH)));
            if (explain) {
                body.put("explain", true);
            }
            try {
                answer = client.post(path, body);
            } catch (org.baihua.core.BaihuaException e) {
                if (from == 0) {
                    throw e;
                }
                // The host counts records from 0 in each batch; say which batch so records[i] can be found.
                throw new org.baihua.core.BaihuaException(e.kind(), "In the batch of records " + (from + 1) + "-"
                        + Math.min(records.size(), from + BATCH) + ": " + e.getMessage(), e);
            }
            predictions.addAll((ArrayNode) answer.path("predictions"));
            answer.path("warnings").forEach(warnings::add);
        }
        // Warnings go to stderr so that the table or JSON on stdout stays clean for a pipe.
        warnings.forEach(w -> System.err.println("baihua: warning: " + w.asText()));
        if (options.json()) {
            ObjectNode all = JSON.createObjectNode();
            all.put("model", answer.path("model").asText());
            all.put("version", answer.path("version").asInt());
            all.set("predictions", predictions);
            if (!warnings.isEmpty()) {
                all.set("warnings", warnings);
            }
            System.out.println(HostClient.pretty(all));
            return 0;
        }
        System.out.println("Model '" + answer.path("model").asText() + "' version " + answer.path("version").asInt());
        Table table = new Table("#", "LABEL", "PROBABILITIES", explain ? "WHY" : "");
        for (int i = 0; i < predictions.size(); i++) {
            JsonNode p = predictions.get(i);
            String label = p.has("labels") ? PluginsCommand.texts(p.get("labels")) : p.path("label").asText("-");
            table.row(i + 1, label, probabilities(p.path("probabilities")), explain ? why(p.path("explanation")) : "");
        }
        table.print(System.out);
        return 0;
    }

    private static String probabilities(JsonNode probabilities) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        probabilities.fields().forEachRemaining(entries::add);
        entries.sort((a, b) -> Double.compare(b.getValue().asDouble(), a.getValue().asDouble()));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(3, entries.size()); i++) {
            out.append(i == 0 ? "" : " ").append(entries.get(i).getKey()).append('=')
                    .append(String.format(java.util.Locale.ROOT, "%.3f", entries.get(i).getValue().asDouble()));
        }
        return out.toString();
    }

    private static String why(JsonNode explanation) {
        List<String> parts = new ArrayList<>();
        for (JsonNode word : explanation.path("words")) {
            if (parts.size() < 3) {
                parts.add(word.path("word").asText());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = explanation.path("fields").fields(); it.hasNext() && parts.size() < 3; ) {
            parts.add(it.next().getKey());
        }
        return String.join(",", parts);
    }

    private static List<JsonNode> inline(String text) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (IOException e) {
            throw new InvalidRequestException("json", "--json is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<JsonNode> records = new ArrayList<>();
        if (parsed != null && parsed.isObject()) {
            records.add(parsed);
        } else if (parsed != null && parsed.isArray()) {
            parsed.forEach(records::add);
        } else {
            throw new InvalidRequestException("json", "--json must be a record object or an array of records");
        }
        return records;
    }

    private static List<JsonNode> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("file", "No such file: " + file);
        }
        List<JsonNode> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (IOException e) {
                    throw new InvalidRequestException("file", file + " line " + number + " is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
                if (!record.isObject()) {
                    throw new InvalidRequestException("file", file + " line " + number + " is not a JSON object");
                }
                records.add(record);
            }
        } catch (IOException e) {
            throw new InvalidRequestException("file", "Cannot read " + file + ": " + e.getMessage());
        }
        return records;
    }
}
