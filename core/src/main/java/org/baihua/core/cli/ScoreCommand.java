package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.InvalidRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baihua score}: scores a file with a model. Through the host by default (a batch job: the
 * file is uploaded, scored in batches, the result downloaded to {@code --output}); with
 * {@code --spark-master} it runs {@code org.baihua.spark.BatchScore} on Spark through
 * {@code spark-submit} instead, reading the registry and artifacts as the host does.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score a file with a model: through the host (a batch job) or on Apache Spark (--spark-master).")
final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, description = "model name")
    String model;
    @Option(names = "--version", description = "a READY version instead of the production one")
    Integer version;
    @Option(names = "--input", required = true, description = "the file (or, on Spark, path or directory) to score")
    String input;
    @Option(names = "--output", required = true, description = "where the result goes (a file; on Spark a directory)")
    String output;
    @Option(names = "--format", description = "result format: csv, jsonl or parquet (parquet needs --spark-master); default from --output's extension, else csv")
    String format;
    @Option(names = "--input-format", description = "input format (default from --input's extension: csv, jsonl; on Spark also parquet)")
    String inputFormat;
    @Option(names = "--mapping", description = "the task's fields onto the input's columns, e.g. text=Note")
    String mapping;
    @Option(names = "--explain", description = "explain every row (slow)")
    boolean explain;
    @Option(names = "--url", description = "host URL (default: env BAIHUA_URL, else http://127.0.0.1:8080)")
    String url;
    @Option(names = "--key", description = "API key, a trainer's (default: env BAIHUA_KEY, else ./data/admin.key if readable)")
    String key;

    @Option(names = "--spark-master", description = "run on Spark instead, e.g. local[*], spark://host:7077, yarn")
    String sparkMaster;
    @Option(names = "--spark-submit", description = "the spark-submit to use (default: $SPARK_HOME/bin/spark-submit)")
    Path sparkSubmit;
    @Option(names = "--spark-jar", description = "the baihua-spark jar (default: <home>/spark/baihua-spark-*.jar)")
    Path sparkJar;
    @Option(names = "--data-dir", description = "Spark: the host's data directory (default from conf, else ./data)")
    Path dataDir;
    @Option(names = "--plugins-dir", description = "Spark: the host's plugins directory (default from conf)")
    Path pluginsDir;
    @Option(names = "--conf", description = "Spark: the host's config file (default <home>/conf/baihua.properties)")
    Path conf;

    @Override
    public Integer call() throws Exception {
        String out = format != null ? format.toLowerCase(Locale.ROOT) : guess(output, "csv");
        if (!Set.of("csv", "jsonl", "parquet").contains(out)) {
            throw new InvalidRequestException("format", "--format must be csv, jsonl or parquet, was '" + format + "'");
        }
        return sparkMaster != null ? spark(out) : host(out);
    }

    private int host(String out) {
        if (out.equals("parquet")) {
            throw new InvalidRequestException("format", "Parquet is written on Spark: add --spark-master local[*] (or a cluster's master)");
        }
        Path file = Path.of(input);
        String in = inputFormat != null ? inputFormat : guess(input, "csv");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("version", version == null ? null : version.toString());
        query.put("format", in);
        query.put("output", out);
        query.put("explain", explain ? "true" : null);
        query.put("mapping", mapping);
        HostClient client = client();
        String base = "/api/v1/models/" + HostClient.segment(model) + "/batch-jobs";
        JsonNode job = client.postFile(HostClient.query(base, query), file, in.equals("csv") ? "text/csv" : "application/x-ndjson");
        String id = job.path("id").asText();
        System.err.println("Batch job " + id + " queued");
        JsonNode last = job;
        try (Stream<String> lines = client.events(base + "/" + HostClient.segment(id) + "/events")) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    last = read(line.substring(5).trim());
                    JsonNode progress = last.path("progress");
                    long total = progress.path("bytesTotal").asLong();
                    System.err.printf(Locale.ROOT, "%s: %d rows%s%n", last.path("state").asText(), progress.path("rows").asLong(),
                            total > 0 ? String.format(Locale.ROOT, " (%.0f %% read)", 100.0 * progress.path("bytesRead").asLong() / total) : "");
                }
            }
        }
        if (last.path("state").asText().equals("QUEUED") || last.path("state").asText().equals("RUNNING")) {
            last = client.get(base + "/" + HostClient.segment(id)); // the stream broke off
        }
        if (!last.path("state").asText().equals("SUCCEEDED")) {
            throw new BaihuaException(Kind.CONFLICT, "Batch job " + id + " ended " + last.path("state").asText()
                    + (last.hasNonNull("error") ? ": " + last.get("error").asText() : ""));
        }
        client.download(base + "/" + HostClient.segment(id) + "/result", Path.of(output));
        JsonNode summary = last.path("summary");
        System.out.printf(Locale.ROOT, "Model '%s' version %d: %d rows, %d scored, %d rejected; labels %s -> %s%n", model,
                last.path("version").asInt(), summary.path("rows").asLong(), summary.path("scored").asLong(),
                summary.path("rejected").asLong(), summary.path("labelCounts"), output);
        for (JsonNode rejection : summary.path("rejections")) {
            System.out.println("  rejected line " + rejection.path("line").asLong() + ": " + rejection.path("reason").asText());
        }
        return 0;
    }

    private int spark(String out) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--model", model, "--input", input, "--output", output, "--format", out));
        SparkSubmit.add(args, "--version", version);
        SparkSubmit.add(args, "--input-format", inputFormat);
        SparkSubmit.add(args, "--mapping", mapping);
        SparkSubmit.add(args, "--data-dir", dataDir == null ? null : dataDir.toAbsolutePath());
        SparkSubmit.add(args, "--plugins-dir", pluginsDir == null ? null : pluginsDir.toAbsolutePath());
        Path confFile = SparkSubmit.conf(conf);
        SparkSubmit.add(args, "--conf", confFile == null ? null : confFile.toAbsolutePath());
        if (explain) {
            args.add("--explain");
        }
        return SparkSubmit.run(sparkSubmit, sparkJar, sparkMaster, "org.baihua.spark.BatchScore", args);
    }

    private HostClient client() {
        String base = url != null ? url : System.getenv().getOrDefault("BAIHUA_URL", "http://127.0.0.1:8080");
        String apiKey = key != null ? key : System.getenv("BAIHUA_KEY");
        return new HostClient(base, apiKey != null ? apiKey : HostClient.localAdminKey());
    }

    private static String guess(String path, String fallback) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            return "jsonl";
        }
        if (lower.endsWith(".parquet")) {
            return "parquet";
        }
        return lower.endsWith(".csv") ? "csv" : fallback;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new BaihuaException(Kind.INTERNAL, "The host sent an unreadable batch job event: " + text, e);
        }
    }
}
