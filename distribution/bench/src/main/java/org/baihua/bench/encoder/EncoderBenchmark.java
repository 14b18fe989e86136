package org.baihua.bench.encoder;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.TextEncoder;

/**
 * Shared text encoder benchmark: Baihua's encoder, raw ONNX Runtime (several configurations, the best
 * is the practical limit) and LangChain4j's in-process quantised MiniLM, on the same 2,000 sentences,
 * for calls of 1, 8 and 32 texts from one caller and single texts from 16 concurrent callers.
 * Every cell is measured in each of several rounds (round-robin, so machine noise hits all alike)
 * and the best round is kept. Usage: {@code EncoderBenchmark <medical_abstracts_sample.csv> [rounds]}.
 */
public final class EncoderBenchmark {

    private static final List<Throughput.Pattern> PATTERNS = List.of(
            new Throughput.Pattern("batch 1", 1, 1),
            new Throughput.Pattern("batch 8", 8, 1),
            new Throughput.Pattern("batch 32", 32, 1),
            new Throughput.Pattern("16 callers x 1", 1, 16));

    private EncoderBenchmark() {}

    /** One measured configuration. */
    private record Cell(String system, Throughput.Pattern pattern, String config, List<String> input, Throughput.Call call) {}

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> sentences = Sentences.load(csv, 2000, 42);

        String memory = memoryOfHost(csv);
        Path dataDir = Files.createTempDirectory("baihua-bench");
        // Baihua first: DJL creates the ONNX Runtime environment the raw code and LangChain4j then share.
        EncoderConfig d = EncoderConfig.defaults();
        try (EncoderCatalog catalog = new EncoderCatalog(dataDir,
                new EncoderConfig(d.defaultEncoder(), cores, 1, List.of(), null, 0, d.maxTextsPerCall()));
             RawOrt raw = new RawOrt(cores, loaded(catalog.defaultEncoder()))) {
            TextEncoder baihua = catalog.defaultEncoder();
            EmbeddingModel langchain = new AllMiniLmL6V2QuantizedEmbeddingModel();
            List<String> sorted = new ArrayList<>(sentences);
            sorted.sort(Comparator.comparingInt(raw::length));

            List<Cell> cells = new ArrayList<>();
            for (Throughput.Pattern p : PATTERNS) {
                cells.add(new Cell("baihua", p, "catalog, no cache, " + cores + " workers", sentences, baihua::embed));
                cells.add(new Cell("langchain4j", p, "AllMiniLmL6V2QuantizedEmbeddingModel", sentences,
                        p.callSize() == 1 ? texts -> langchain.embed(texts.get(0))
                                : texts -> langchain.embedAll(texts.stream().map(TextSegment::from).toList())));
            }
            Throughput.Pattern b1 = PATTERNS.get(0);
            Throughput.Pattern concurrent = PATTERNS.get(3);
            cells.add(new Cell("raw", b1, "intra-op " + cores, sentences, raw.perTextWide()));
            cells.add(new Cell("raw", b1, "intra-op 1", sentences, raw.perTextSingle()));
            for (Throughput.Pattern p : PATTERNS.subList(1, 3)) {
                cells.add(new Cell("raw", p, "padded batch, intra-op " + cores, sentences, raw.paddedBatchWide()));
                cells.add(new Cell("raw", p, "padded batch, intra-op 1", sentences, raw.paddedBatchSingle()));
                cells.add(new Cell("raw", p, "1 text/run on " + cores + " threads, intra-op 1", sentences, raw.perTextSpread()));
            }
            cells.add(new Cell("raw", concurrent, "intra-op 1", sentences, raw.perTextSingle()));
            cells.add(new Cell("raw", concurrent, "intra-op " + cores, sentences, raw.perTextWide()));
            // Configurations no client call pattern imposes: the corpus sorted by length (least padding).
            for (int size : new int[] {8, 32}) {
                cells.add(new Cell("raw-limit", new Throughput.Pattern("batch " + size + ", corpus sorted", size, 1),
                        "padded batch, intra-op " + cores, sorted, raw.paddedBatchWide()));
                cells.add(new Cell("raw-limit", new Throughput.Pattern("batch " + size + ", corpus sorted", size, cores),
                        "padded batch, intra-op 1, " + cores + " callers", sorted, raw.paddedBatchSingle()));
            }
            cells.add(new Cell("raw-limit", new Throughput.Pattern("batch 1", 1, cores),
                    "1 text/run, intra-op 1, " + cores + " callers", sentences, raw.perTextSingle()));

            for (Cell cell : cells) { // warm-up
                Throughput.measure(cell.input().subList(0, 64), cell.pattern(), cell.call());
            }
            Map<Cell, Throughput.Rate> best = new LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                for (Cell cell : cells) {
                    Throughput.Rate rate = Throughput.measure(cell.input(), cell.pattern(), cell.call());
                    best.merge(cell, rate, Throughput.Rate::best);
                    System.err.printf("round %d  %-11s %-26s %-45s %7.1f/s %7.1f/cpu-s%n", round, cell.system(),
                            cell.pattern().name(), cell.config(), rate.perSecond(), rate.perCpuSecond());
                }
            }
            System.out.printf("%nMiniLM int8, 2,000 sentences, %d cores, best of %d rounds%n", cores, rounds);
            print(best, Throughput.Rate::perSecond, "sentences per second (wall clock)");
            print(best, Throughput.Rate::perCpuSecond, "sentences per CPU-second of the process");
            System.out.println();
            System.out.println("Host with the default encoder loaded (child JVM, default flags, 2,000 sentences"
                    + " embedded in calls of 32): " + memory);
        } finally {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static void print(Map<Cell, Throughput.Rate> rates, java.util.function.ToDoubleFunction<Throughput.Rate> metric,
                              String title) {
        Map<Cell, Double> best = new LinkedHashMap<>();
        rates.forEach((cell, rate) -> best.put(cell, metric.applyAsDouble(rate)));
        double limit = 0;
        String limitConfig = "";
        for (Map.Entry<Cell, Double> e : best.entrySet()) {
            if (e.getKey().system().startsWith("raw") && e.getValue() > limit) {
                limit = e.getValue();
                limitConfig = e.getKey().pattern().name() + ", " + e.getKey().config();
            }
        }
        System.out.printf("%n%s%n%n", title);
        System.out.println("| call pattern | Baihua | best raw ORT, same pattern | LangChain4j | Baihua / raw same pattern"
                + " | Baihua / practical limit | Baihua / LangChain4j |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Throughput.Pattern p : PATTERNS) {
            double baihua = rate(best, "baihua", p);
            double langchain = rate(best, "langchain4j", p);
            Map.Entry<Cell, Double> raw = best.entrySet().stream()
                    .filter(e -> e.getKey().system().equals("raw") && e.getKey().pattern().equals(p))
                    .max(Map.Entry.comparingByValue()).orElseThrow();
            System.out.printf("| %s | %.0f | %.0f (%s) | %.0f | %.2f | %.2f | %.2f |%n", p.name(), baihua, raw.getValue(),
                    raw.getKey().config(), langchain, baihua / raw.getValue(), baihua / limit, baihua / langchain);
        }
        System.out.printf("%nPractical limit (best raw ONNX Runtime configuration found): %.0f (%s)%n", limit, limitConfig);
        System.out.println("All raw ONNX Runtime configurations:");
        best.forEach((cell, rate) -> {
            if (cell.system().startsWith("raw")) {
                System.out.printf("- %s, %s: %.0f%n", cell.pattern().name(), cell.config(), rate);
            }
        });
    }

    /** The encoder after its first call, which loads DJL's engine and with it ONNX Runtime's environment. */
    private static TextEncoder loaded(TextEncoder encoder) {
        encoder.embed(List.of("load"));
        return encoder;
    }

    private static double rate(Map<Cell, Double> best, String system, Throughput.Pattern pattern) {
        return best.entrySet().stream()
                .filter(e -> e.getKey().system().equals(system) && e.getKey().pattern().equals(pattern))
                .mapToDouble(Map.Entry::getValue).max().orElseThrow();
    }

    private static String memoryOfHost(Path csv) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), csv.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("memory probe failed: " + output);
        }
        return output.lines().filter(line -> line.startsWith("memory ")).findFirst()
                .map(line -> line.substring("memory ".length()))
                .orElseThrow(() -> new IllegalStateException("memory probe printed no result: " + output));
    }
}
