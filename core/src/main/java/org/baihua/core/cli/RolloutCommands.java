package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/** {@code baihua models traffic|shadow|history|drift}: safe change in production over the REST routes. */
final class RolloutCommands {

    private RolloutCommands() {}

    static String modelPath(String name) {
        return "/api/v1/models/" + HostClient.segment(name);
    }

    /** {@code baihua models traffic NAME [--candidate V --percent P [--sticky-by K] | --clear]}. */
    @Command(name = "traffic", description = {"Show a model's traffic split, send a share of it to a candidate version, or clear it.",
        "Without options: show it. Setting a candidate keeps the shadow version; --clear removes both."})
    static final class Traffic implements java.util.concurrent.Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "The model.")
        String name;

        @Option(names = "--candidate", paramLabel = "V", description = "Candidate version (READY, not the production one).")
        Integer candidate;

        @Option(names = "--percent", paramLabel = "P", description = "Share of requests the candidate serves, 1-99.")
        Integer percent;

        @Option(names = "--sticky-by", paramLabel = "KEY", description = "field:NAME or header:NAME: the same value always reaches the same version.")
        String stickyBy;

        @Option(names = "--clear", description = "All traffic to production: no candidate, no shadow.")
        boolean clear;

        @Override
        public Integer call() {
            HostClient client = parent.options.client();
            String path = modelPath(name) + "/traffic";
            JsonNode view;
            if (clear) {
                if (candidate != null || percent != null || stickyBy != null) {
                    throw new InvalidRequestException("clear", "--clear takes no --candidate, --percent or --sticky-by");
                }
                view = client.delete(path);
            } else if (candidate == null && percent == null && stickyBy == null) {
                view = client.get(path);
            } else {
                if (candidate == null || percent == null) {
                    throw new InvalidRequestException(candidate == null ? "candidate" : "percent",
                            "--candidate and --percent go together (e.g. --candidate 7 --percent 10)");
                }
                JsonNode current = client.get(path).path("routing");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("candidate", Map.of("version", candidate, "percent", percent));
                if (stickyBy != null) {
                    body.put("stickyBy", stickyBy);
                }
                if (current.path("shadow").isObject()) {
                    body.put("shadow", Map.of("version", current.path("shadow").path("version").asInt()));
                }
                view = client.put(path, body);
            }
            System.out.println(parent.options.json() ? HostClient.pretty(view) : describe(view));
            return 0;
        }

        static String describe(JsonNode view) {
            JsonNode routing = view.path("routing");
            StringBuilder out = new StringBuilder("Model '").append(view.path("model").asText()).append("': ");
            JsonNode production = view.path("productionVersion");
            out.append(production.isNull() || production.isMissingNode() ? "no production version"
                    : "production v" + production.asInt() + " " + routing.path("production").asInt(100) + " %");
            if (routing.path("candidate").isObject()) {
                out.append(", candidate v").append(routing.path("candidate").path("version").asInt()).append(' ')
                        .append(routing.path("candidate").path("percent").asInt()).append(" %");
                if (routing.hasNonNull("stickyBy")) {
                    out.append(" (sticky by ").append(routing.path("stickyBy").asText()).append(')');
                }
            }
            if (routing.path("shadow").isObject()) {
                out.append(", shadow v").append(routing.path("shadow").path("version").asInt());
            }
            return out.toString();
        }
    }

    /** {@code baihua models shadow NAME [--version V | --stop]}. */
    @Command(name = "shadow", description = {"Show how the shadow version compares with the answers, mirror traffic to a version, or stop.",
        "Without options: the summary (agreement, probability differences, latency, failures). The candidate, if any, is kept."})
    static final class Shadow implements java.util.concurrent.Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "The model.")
        String name;

        @Option(names = "--version", paramLabel = "V", description = "Run this version in the shadow of every request.")
        Integer version;

        @Option(names = "--stop", description = "Stop shadowing.")
        boolean stop;

        @Override
        public Integer call() {
            HostClient client = parent.options.client();
            if (version != null && stop) {
                throw new InvalidRequestException("stop", "--version and --stop exclude each other");
            }
            if (version == null && !stop) {
                JsonNode s = client.get(modelPath(name) + "/shadow");
                System.out.println(parent.options.json() ? HostClient.pretty(s) : summary(name, s));
                return 0;
            }
            String path = modelPath(name) + "/traffic";
            JsonNode current = client.get(path).path("routing");
            if (stop && !current.path("shadow").isObject()) {
                throw new InvalidRequestException("stop", "Model '" + name + "' has no shadow version");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (current.path("candidate").isObject()) {
                body.put("candidate", Map.of("version", current.path("candidate").path("version").asInt(),
                        "percent", current.path("candidate").path("percent").asInt()));
                if (current.hasNonNull("stickyBy")) {
                    body.put("stickyBy", current.path("stickyBy").asText());
                }
            }
            if (version != null) {
                body.put("shadow", Map.of("version", version));
            }
            JsonNode view = body.isEmpty() ? client.delete(path) : client.put(path, body);
            System.out.println(parent.options.json() ? HostClient.pretty(view) : Traffic.describe(view));
            return 0;
        }

        static String summary(String name, JsonNode s) {
            return String.format(Locale.ROOT, "Model '%s' shadow v%d: %d requests, %d records, agreement %s, mean |dp| %s, max |dp| %s,"
                            + " mean latency %s ms, %d failures, %d dropped", name, s.path("version").asInt(), s.path("requests").asLong(),
                    s.path("records").asLong(), number(s.path("agreement")), number(s.path("meanAbsProbabilityDifference")),
                    number(s.path("maxAbsProbabilityDifference")), number(s.path("meanLatencyMillis")), s.path("failures").asLong(),
                    s.path("dropped").asLong());
        }
    }

    /** {@code baihua models history NAME [--at T]}. */
    @Command(name = "history", description = "List every promote, rollback, archive, delete and traffic change of a model; "
            + "with --at, which version was in production then.")
    static final class History implements java.util.concurrent.Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "The model.")
        String name;

        @Option(names = "--at", paramLabel = "T", description = "An ISO-8601 instant, e.g. 2026-12-03T09:00:00Z.")
        String at;

        @Override
        public Integer call() {
            if (at != null) {
                try {
                    java.time.Instant.parse(at);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidRequestException("at", "--at must be an ISO-8601 instant such as 2026-12-03T09:00:00Z, was '" + at + "'");
                }
            }
            JsonNode history = parent.options.client().get(HostClient.query(modelPath(name) + "/history", at == null ? Map.of()
                    : Map.of("at", at)));
            if (parent.options.json()) {
                System.out.println(HostClient.pretty(history));
                return 0;
            }
            if (at != null) {
                JsonNode production = history.path("productionAt");
                System.out.println(production.isNull() || production.isMissingNode()
                        ? "Model '" + name + "' had no production version at " + at
                        : "Model '" + name + "' version " + production.asInt() + " was in production at " + at);
                return 0;
            }
            Table table = new Table("AT", "CALLER", "KIND", "VERSION", "BEFORE", "AFTER");
            for (JsonNode c : history.path("changes")) {
                String[] change = beforeAfter(c);
                table.row(c.path("at").asText(), c.path("caller").asText(""), c.path("kind").asText(),
                        c.hasNonNull("version") ? "v" + c.path("version").asInt() : "-", change[0], change[1]);
            }
            table.print(System.out);
            return 0;
        }

        /** What a change of each kind changed, before and after. */
        static String[] beforeAfter(JsonNode c) {
            String kind = c.path("kind").asText();
            String plugin = c.path("plugin").asText("");
            if (kind.equals("TRAFFIC")) {
                return new String[] {c.path("routingBefore").asText("(default)"), c.path("routingAfter").asText("(default)")};
            }
            if (kind.equals("RETRAINED")) {
                return new String[] {"v" + c.path("fromVersion").asText("?") + " on " + plugin + "@" + c.path("pluginBefore").asText("?"),
                        plugin + "@" + c.path("pluginAfter").asText("?")};
            }
            if (kind.startsWith("PLUGIN_")) {
                return new String[] {plugin + " " + c.path("pluginBefore").asText("not installed"),
                        plugin + " " + c.path("pluginAfter").asText("removed")};
            }
            if (c.hasNonNull("productionAfter")) {
                return new String[] {c.hasNonNull("productionBefore") ? "production v" + c.path("productionBefore").asInt() : "-",
                        "production v" + c.path("productionAfter").asInt()};
            }
            return new String[] {"-", "-"};
        }
    }

    /** {@code baihua models drift NAME [--version V]}. */
    @Command(name = "drift", description = {"Show how the recent requests of a model's production version (or --version) compare with "
            + "its training profile: PSI per input, embedding shift, label shift, status ok/warn/alert."})
    static final class Drift implements java.util.concurrent.Callable<Integer> {

        @ParentCommand
        ModelsCommand parent;

        @Parameters(paramLabel = "NAME", description = "The model.")
        String name;

        @Option(names = "--version", paramLabel = "V", description = "Another READY version than production.")
        Integer version;

        @Override
        public Integer call() {
            JsonNode report = parent.options.client().get(HostClient.query(modelPath(name) + "/drift",
                    version == null ? Map.of() : Map.of("version", Integer.toString(version))));
            System.out.println(parent.options.json() ? HostClient.pretty(report) : describe(report));
            return 0;
        }

        static String describe(JsonNode r) {
            StringBuilder out = new StringBuilder();
            out.append("Model '").append(r.path("model").asText()).append("' version ").append(r.path("version").asInt()).append(": ")
                    .append(r.path("status").asText()).append(" (").append(r.path("detail").asText()).append(")\n");
            if (r.path("status").asText().equals("no-profile")) {
                return out.toString().stripTrailing();
            }
            out.append(String.format(Locale.ROOT, "  window: %d samples (keeps %d, status from %d, sample rate %s); status by PSI beyond chance (PSI - CHANCE): "
                    + "warn at %s, alert at %s%n",
                    r.path("samples").asInt(), r.path("window").asInt(), r.path("minSamples").asInt(), r.path("sampleRate").asText(),
                    r.path("thresholds").path("warnPsi").asText(), r.path("thresholds").path("alertPsi").asText()));
            Table table = new Table("INPUT", "TYPE", "STATUS", "PSI", "CHANCE", "MEAN", "TRAINING MEAN", "EMBEDDING");
            for (JsonNode in : r.path("inputs")) {
                JsonNode e = in.path("embedding");
                table.row(in.path("field").asText(), in.path("type").asText(), in.path("status").asText(), number(in.path("psi")),
                        number(in.path("chancePsi")), number(in.path("mean")), number(in.path("referenceMean")), e.isObject()
                                ? e.path("status").asText() + ", distance PSI " + number(e.path("distancePsi")) + " (chance "
                                        + number(e.path("chancePsi")) + "), centroid shift "
                                        + number(e.path("centroidShift")) : "");
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.PrintStream stream = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
            table.print(stream);
            out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            JsonNode labels = r.path("labels");
            out.append("  decided labels: ").append(labels.path("status").asText()).append(", PSI ").append(number(labels.path("psi")))
                    .append(" (chance ").append(number(labels.path("chancePsi"))).append(")");
            return out.toString().stripTrailing();
        }
    }

    static String number(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.3f", value.asDouble());
    }
}
