package org.baihua.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.baihua.core.BaihuaException;
import org.baihua.core.batch.EmbeddingPlanner;
import org.baihua.core.config.Settings;
import org.baihua.core.encoder.EmbeddingCache;
import org.baihua.core.encoder.Embedding;
import org.baihua.core.jobs.TrainingTexts;
import org.baihua.core.training.TrainingParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fills a host's embedding cache on Spark for a data set too big to embed on one host in good time:
 * {@code spark-submit --class org.baihua.spark.BatchEmbed ... --dataset ID [--seed N] [--encoder E]}.
 * The driver plans with the host's own code what a training run of the data set (with the same
 * parameters) embeds, including the preprocessing fitted on the run's rows and the long-text
 * strategy; the executors embed the distinct texts with the same encoder; the driver stores the
 * vectors into the host's cache under the keys the run looks up. Training the data set on that host
 * then embeds nothing, and gives the model it would have given without this job.
 */
@Command(name = "BatchEmbed", mixinStandardHelpOptions = true,
        description = "Embed a data set's training texts on Spark into a Baihua host's embedding cache.")
public final class BatchEmbed implements Callable<Integer> {

    private static final int STORE_CHUNK = 1_000;

    @Option(names = "--dataset", required = true, description = "The data set's id")
    String dataset;
    @Option(names = "--encoder", description = "The encoder the training request will name (default: the host's choice)")
    String encoder;
    @Option(names = "--long-text", description = "The longText the training request will name: truncate, chunk or head-tail"
            + " (default: the host's choice)")
    String longText;
    @Option(names = "--seed", description = "training.seed of the training request (default: the host's default)")
    Long seed;
    @Option(names = "--validation-split", description = "training.validationSplit of the training request")
    Double validationSplit;
    @Option(names = "--test-split", description = "training.testSplit of the training request")
    Double testSplit;
    @Option(names = "--batch-size", defaultValue = "64", description = "Texts per embedding call on an executor (default 64)")
    int batchSize;
    @Option(names = "--partitions", description = "Texts are split into this many partitions (default: Spark's parallelism)")
    Integer partitions;
    @Option(names = "--data-dir", description = "The host's data directory (registry, data sets, embedding cache;"
            + " default: the conf's data.dir)")
    Path dataDir;
    @Option(names = "--plugins-dir", description = "The host's plugins directory (default: the conf's plugins.dir)")
    Path pluginsDir;
    @Option(names = "--conf", description = "The host's baihua.properties (registry, storage, encoders)")
    Path conf;
    @Option(names = "--master", description = "Spark master when not set by spark-submit, e.g. local[*]")
    String master;

    /**
     * The summary of a run.
     *
     * @param dataset the data set
     * @param encoder the encoder the vectors are of
     * @param longText the long-text strategy they were computed under (with the encoder, the cache namespace)
     * @param rows the data set's rows
     * @param texts distinct texts embedded and stored
     * @param seconds how long the run took
     */
    public record Summary(String dataset, String encoder, String longText, long rows, long texts, double seconds) {}

    public static void main(String[] args) {
        int code = new CommandLine(new BatchEmbed()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("baihua-spark: " + e.getMessage());
            return e instanceof BaihuaException || e instanceof IllegalArgumentException ? 2 : 1;
        }).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws IOException {
        SparkSession.Builder builder = SparkSession.builder().appName("baihua-embed " + dataset);
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            System.out.println(new ObjectMapper().writeValueAsString(run(spark)));
            return 0;
        } finally {
            if (master != null) {
                spark.stop();
            }
        }
    }

    /** Runs the job in {@code spark}: plans on the driver, embeds on the executors, stores on the driver. */
    public Summary run(SparkSession spark) {
        long started = System.nanoTime();
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("--batch-size must be in [1, 10000], was " + batchSize);
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory("baihua-embed-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work directory", e);
        }
        try (EmbeddingPlanner planner = EmbeddingPlanner.open(settings(), workDir)) {
            TrainingTexts.Plan plan = planner.plan(dataset, encoder, longText, params());
            Dataset<String> texts = spark.createDataset(plan.texts(), Encoders.STRING());
            if (partitions != null) {
                texts = texts.repartition(partitions);
            }
            Dataset<Row> vectors = texts.mapPartitions(new EmbedPartition(planner.encoderSettings(), plan.encoderId(),
                    plan.strategy(), batchSize), Encoders.row(EmbedPartition.SCHEMA));
            long stored = 0;
            Map<EmbeddingCache.TextKey, Embedding> chunk = new LinkedHashMap<>();
            // streamed back a partition at a time, so the driver holds one partition's vectors, not the data set's
            for (Iterator<Row> it = vectors.toLocalIterator(); it.hasNext(); ) {
                Row row = it.next();
                chunk.put(new EmbeddingCache.TextKey(row.getAs("text_sha256")),
                        new Embedding(Vectors.decode(row.getAs("vector")), row.<Integer>getAs("tokens"), row.<Boolean>getAs("truncated")));
                if (chunk.size() == STORE_CHUNK) {
                    planner.store(plan.encoderId(), plan.strategy(), chunk);
                    stored += chunk.size();
                    chunk.clear();
                }
            }
            planner.store(plan.encoderId(), plan.strategy(), chunk);
            stored += chunk.size();
            return new Summary(dataset, plan.encoderId(), plan.strategy().key(), plan.rows(), stored,
                    Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
        } finally {
            delete(workDir);
        }
    }

    private TrainingParams params() {
        TrainingParams.Builder builder = TrainingParams.defaults().toBuilder();
        if (seed != null) {
            builder.optSeed(seed);
        }
        if (validationSplit != null) {
            builder.optValidationSplit(validationSplit);
        }
        if (testSplit != null) {
            builder.optTestSplit(testSplit);
        }
        return builder.build();
    }

    private Settings settings() {
        return HostSettings.load(dataDir, pluginsDir, conf);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temporary directory; best effort
        }
    }
}
