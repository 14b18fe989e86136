package org.baihua.core.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baihua embed}: fills a host's embedding cache on Apache Spark with what training a data set
 * would embed ({@code org.baihua.spark.BatchEmbed} through {@code spark-submit}), so that training it
 * on that host embeds nothing. The training request must then give the same encoder, long-text
 * strategy, seed and splits as this command.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed a data set's training texts on Apache Spark into the host's embedding cache (before training it).")
final class EmbedCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "the data set's id")
    String dataset;
    @Option(names = "--spark-master", required = true, description = "the Spark master, e.g. local[*], spark://host:7077, yarn")
    String sparkMaster;
    @Option(names = "--encoder", description = "the encoder the training request will name (default: the host's choice)")
    String encoder;
    @Option(names = "--long-text", description = "the longText the training request will name (default: the host's choice)")
    String longText;
    @Option(names = "--seed", description = "training.seed of the training request (default: the host's default)")
    Long seed;
    @Option(names = "--validation-split", description = "training.validationSplit of the training request")
    Double validationSplit;
    @Option(names = "--test-split", description = "training.testSplit of the training request")
    Double testSplit;
    @Option(names = "--partitions", description = "split the texts into this many partitions")
    Integer partitions;
    @Option(names = "--spark-submit", description = "the spark-submit to use (default: $SPARK_HOME/bin/spark-submit)")
    Path sparkSubmit;
    @Option(names = "--spark-jar", description = "the baihua-spark jar (default: <home>/spark/baihua-spark-*.jar)")
    Path sparkJar;
    @Option(names = "--data-dir", description = "the host's data directory, whose embedding cache is filled (default from conf, else ./data)")
    Path dataDir;
    @Option(names = "--plugins-dir", description = "the host's plugins directory (default from conf)")
    Path pluginsDir;
    @Option(names = "--conf", description = "the host's config file (default <home>/conf/baihua.properties)")
    Path conf;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--dataset", dataset));
        SparkSubmit.add(args, "--encoder", encoder);
        SparkSubmit.add(args, "--long-text", longText);
        SparkSubmit.add(args, "--seed", seed);
        SparkSubmit.add(args, "--validation-split", validationSplit);
        SparkSubmit.add(args, "--test-split", testSplit);
        SparkSubmit.add(args, "--partitions", partitions);
        SparkSubmit.add(args, "--data-dir", dataDir == null ? null : dataDir.toAbsolutePath());
        SparkSubmit.add(args, "--plugins-dir", pluginsDir == null ? null : pluginsDir.toAbsolutePath());
        Path confFile = SparkSubmit.conf(conf);
        SparkSubmit.add(args, "--conf", confFile == null ? null : confFile.toAbsolutePath());
        return SparkSubmit.run(sparkSubmit, sparkJar, sparkMaster, "org.baihua.spark.BatchEmbed", args);
    }
}
