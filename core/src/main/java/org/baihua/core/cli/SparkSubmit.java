package org.baihua.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.baihua.core.InvalidRequestException;

/**
 * Runs a job of the baihua-spark jar through {@code spark-submit} with the installation's jars that
 * Spark does not ship, for the commands that offer {@code --spark-master} ({@code score}, {@code embed}).
 */
final class SparkSubmit {

    private SparkSubmit() {}

    /**
     * Runs {@code mainClass} with {@code args} and waits for it.
     *
     * @param submit the spark-submit to use, or null for $SPARK_HOME/bin/spark-submit
     * @param sparkJar the baihua-spark jar, or null for {@code <home>/spark/baihua-spark-*.jar}
     * @return spark-submit's exit code
     */
    static int run(Path submit, Path sparkJar, String master, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        Path home = home();
        if (submit == null) {
            String sparkHome = System.getenv("SPARK_HOME");
            if (sparkHome == null) {
                throw new InvalidRequestException("spark-submit", "Running on Spark needs a Spark 4 installation: set SPARK_HOME or pass --spark-submit");
            }
            submit = Path.of(sparkHome, "bin", "spark-submit");
        }
        if (!Files.isExecutable(submit)) {
            throw new InvalidRequestException("spark-submit", submit + " is not an executable spark-submit");
        }
        Path jar = sparkJar != null ? sparkJar : sparkJar(home);
        List<String> command = new ArrayList<>(List.of(submit.toString(), "--master", master, "--class", mainClass));
        String jars = libraryJars(home.resolve("lib"), submit.toAbsolutePath().getParent().getParent().resolve("jars"));
        if (!jars.isEmpty()) {
            command.add("--jars");
            command.add(jars);
        }
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder process = new ProcessBuilder(command).inheritIO();
        process.environment().put("BAIHUA_HOME", home.toString());
        return process.start().waitFor();
    }

    /** The installation's directory. */
    static Path home() {
        return Path.of(System.getProperty("baihua.home", ".")).toAbsolutePath().normalize();
    }

    /** The host's conf file: {@code conf} if given, else {@code <home>/conf/baihua.properties} if it exists, else null. */
    static Path conf(Path conf) {
        Path home = home();
        return conf != null ? conf : Files.isRegularFile(home.resolve("conf/baihua.properties")) ? home.resolve("conf/baihua.properties") : null;
    }

    /** The installation's jars that Spark does not ship itself (Spark's own versions of those win on its classpath anyway). */
    static String libraryJars(Path lib, Path sparkJars) throws IOException {
        if (!Files.isDirectory(lib)) {
            return "";
        }
        Set<String> spark = Files.isDirectory(sparkJars) ? list(sparkJars).stream().map(SparkSubmit::artifact).collect(Collectors.toSet())
                : Set.of("slf4j-api");
        return list(lib).stream().filter(p -> !spark.contains(artifact(p)) && !artifact(p).startsWith("logback-"))
                .map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(","));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A jar's artifact name: its file name without the version. */
    static String artifact(Path jar) {
        return jar.getFileName().toString().replaceFirst("-\\d[^-]*(-[A-Za-z0-9.]+)*\\.jar$", "").replaceFirst("\\.jar$", "");
    }

    private static Path sparkJar(Path home) throws IOException {
        Path dir = home.resolve("spark");
        if (Files.isDirectory(dir)) {
            for (Path p : list(dir)) {
                if (p.getFileName().toString().startsWith("baihua-spark")) {
                    return p;
                }
            }
        }
        throw new InvalidRequestException("spark-jar", "No baihua-spark jar in " + dir + ": pass --spark-jar");
    }

    /** Adds {@code option value} when the value is not null. */
    static void add(List<String> command, String option, Object value) {
        if (value != null) {
            command.add(option);
            command.add(value.toString());
        }
    }
}
