package org.baihua.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.baihua.core.BaihuaException;
import org.baihua.core.batch.BatchColumns;
import org.baihua.core.batch.PackedVersion;
import org.baihua.core.batch.VersionPacker;
import org.baihua.core.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Batch scoring on Apache Spark: {@code spark-submit --class org.baihua.spark.BatchScore ... --model M
 * [--version N] --input PATH --output PATH [--format parquet|csv|jsonl]}. The driver packs the
 * version from the host's registry and storage (a data directory, or PostgreSQL + S3 by the host's
 * conf file) and broadcasts it; each executor loads it once per JVM and scores its partitions in
 * batches through the host's own scorer. The output is the input's columns plus those of
 * {@link BatchColumns}; a summary ({@code _baihua_summary.json}) goes beside the part files.
 */
@Command(name = "BatchScore", mixinStandardHelpOptions = true, description = "Score a data set with a Baihua model version on Spark.")
public final class BatchScore implements Callable<Integer> {

    /** File name of the summary written into the output directory (Spark readers skip names starting with '_'). */
    public static final String SUMMARY = "_baihua_summary.json";
    private static final int REJECTIONS_SHOWN = 100;

    @Option(names = "--model", required = true, description = "The model")
    String model;
    @Option(names = "--version", description = "A READY version (default: the production version)")
    Integer version;
    @Option(names = "--input", required = true, description = "Input path (local, hdfs:// or s3a://)")
    String input;
    @Option(names = "--output", required = true, description = "Output directory")
    String output;
    @Option(names = "--format", defaultValue = "parquet", description = "Output format: parquet, csv or jsonl (default parquet)")
    String format;
    @Option(names = "--input-format", description = "Input format: parquet, csv (with a header) or jsonl (default: from the input's extension, else parquet)")
    String inputFormat;
    @Option(names = "--mapping", description = "The task's fields onto the input's columns, e.g. text=Note")
    String mapping;
    @Option(names = "--explain", description = "Explain every row (one pass per word: slow)")
    boolean explain;
    @Option(names = "--batch-size", defaultValue = "256", description = "Rows per scoring batch (default 256)")
    int batchSize;
    @Option(names = "--data-dir", description = "The host's data directory (registry and artifacts; default: the conf's data.dir)")
    Path dataDir;
    @Option(names = "--plugins-dir", description = "The host's plugins directory (default: the conf's plugins.dir)")
    Path pluginsDir;
    @Option(names = "--conf", description = "The host's baihua.properties (registry, storage, encoders)")
    Path conf;
    @Option(names = "--master", description = "Spark master when not set by spark-submit, e.g. local[*]")
    String master;
    @Option(names = "--partitions", description = "Repartition the input into this many partitions first")
    Integer partitions;
    @Option(names = "--overwrite", description = "Replace the output directory if it exists")
    boolean overwrite;

    /** The summary of a run. */
    public record Summary(String model, int version, long rows, long scored, long rejected, Map<String, Long> labelCounts,
                          Map<String, Long> rejections, double seconds) {}

    private Summary summary;

    public static void main(String[] args) {
        int code = new CommandLine(new BatchScore()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("baihua-spark: " + e.getMessage());
                    return e instanceof BaihuaException || e instanceof IllegalArgumentException ? 2 : 1;
                }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        SparkSession.Builder builder = SparkSession.builder().appName("baihua-score " + model);
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Summary result = run(spark);
            System.out.println(json().writeValueAsString(result));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (master != null) {
                spark.stop();
            }
        }
    }

    /** Runs the job in {@code spark} and returns its summary (also written to {@value #SUMMARY}). */
    public Summary run(SparkSession spark) {
        long started = System.nanoTime();
        String out = outputFormat(format);
        String in = inputFormat != null ? readerFormat(inputFormat) : guessFormat(input);
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("--batch-size must be in [1, 100000], was " + batchSize);
        }
        PackedVersion packed = VersionPacker.pack(settings(), model, version);
        Dataset<Row> rows = read(spark, in, input);
        if (partitions != null) {
            rows = rows.repartition(partitions);
        }
        StructType schema = rows.schema();
        List<String> labels = labels(packed, spark);
        List<String> added = BatchColumns.added(labels, explain);
        for (String column : added) {
            if (List.of(schema.fieldNames()).contains(column)) {
                throw new IllegalArgumentException("The input has a column '" + column + "', which the output adds; rename it");
            }
        }
        StructType outSchema = schema;
        for (String column : added) {
            outSchema = outSchema.add(new StructField(column, column.startsWith(BatchColumns.PROBABILITY_PREFIX)
                    ? DataTypes.DoubleType : DataTypes.StringType, true, org.apache.spark.sql.types.Metadata.empty()));
        }
        Broadcast<PackedVersion> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(packed);
        Dataset<Row> scored = rows.mapPartitions(new ScorePartition(broadcast, schema.fieldNames(), mapping, explain, batchSize),
                Encoders.row(outSchema));
        write(scored, out, output, overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        summary = summarise(spark, packed, out, (System.nanoTime() - started) / 1e9);
        writeSummary(spark, summary);
        broadcast.destroy();
        return summary;
    }

    /** The labels in the head's order, from the packed pipeline.json (the driver loads no model). */
    private static List<String> labels(PackedVersion packed, SparkSession spark) {
        try {
            List<String> labels = new ArrayList<>();
            json().readTree(packed.pipelineJson()).get("labels").forEach(l -> labels.add(l.asText()));
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(packed.owner() + " has an unreadable pipeline.json", e);
        }
    }

    private Settings settings() {
        return HostSettings.load(dataDir, pluginsDir, conf);
    }

    static Dataset<Row> read(SparkSession spark, String format, String path) {
        return switch (format) {
            case "csv" -> spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
            case "json" -> spark.read().json(path);
            default -> spark.read().parquet(path);
        };
    }

    private static void write(Dataset<Row> rows, String format, String path, SaveMode mode) {
        switch (format) {
            case "csv" -> rows.write().mode(mode).option("header", "true").csv(path);
            case "json" -> rows.write().mode(mode).option("ignoreNullFields", "false").json(path);
            default -> rows.write().mode(mode).parquet(path);
        }
    }

    private Summary summarise(SparkSession spark, PackedVersion packed, String format, double seconds) {
        Dataset<Row> written = read(spark, format, output);
        written.cache();
        try {
            long total = written.count();
            Dataset<Row> rejected = written.filter(written.col(BatchColumns.REJECTED).isNotNull());
            Map<String, Long> reasons = new TreeMap<>();
            for (Row r : rejected.groupBy(BatchColumns.REJECTED).count().orderBy(org.apache.spark.sql.functions.desc("count"))
                    .limit(REJECTIONS_SHOWN).collectAsList()) {
                reasons.put(r.getString(0), r.getLong(1));
            }
            long rejectedCount = rejected.count();
            Map<String, Long> labelCounts = new TreeMap<>();
            for (Row r : written.filter(written.col(BatchColumns.REJECTED).isNull()).groupBy(BatchColumns.PREDICTED).count()
                    .collectAsList()) {
                labelCounts.put(String.valueOf(r.get(0)), r.getLong(1));
            }
            return new Summary(packed.model(), packed.version(), total, total - rejectedCount, rejectedCount, labelCounts, reasons,
                    Math.round(seconds * 1000) / 1000.0);
        } finally {
            written.unpersist();
        }
    }

    private void writeSummary(SparkSession spark, Summary result) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output, SUMMARY);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(path, true)) {
                out.write(json().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the summary " + path, e);
        }
    }

    private static String outputFormat(String text) {
        String f = text.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "parquet", "csv" -> f;
            case "jsonl", "json" -> "json";
            default -> throw new IllegalArgumentException("--format must be parquet, csv or jsonl, was '" + text + "'");
        };
    }

    private static String readerFormat(String text) {
        String f = text.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "parquet", "csv" -> f;
            case "jsonl", "json" -> "json";
            default -> throw new IllegalArgumentException("--input-format must be parquet, csv or jsonl, was '" + text + "'");
        };
    }

    private static String guessFormat(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return "csv";
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson") || lower.endsWith(".jsonl.gz")) {
            return "json";
        }
        return "parquet";
    }

    private static ObjectMapper json() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The summary of the last run. */
    public Summary summary() {
        return summary;
    }
}
