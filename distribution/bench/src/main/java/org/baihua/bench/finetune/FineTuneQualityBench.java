package org.baihua.bench.finetune;

import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.finetune.BertWeights;
import org.baihua.core.finetune.ContrastiveOptions;
import org.baihua.core.finetune.Examples;
import org.baihua.core.finetune.FineTuneOptions;
import org.baihua.core.finetune.FineTuneProgress;
import org.baihua.core.finetune.FineTuneResult;
import org.baihua.core.finetune.FineTuneTokenizer;
import org.baihua.core.finetune.FineTuner;
import org.baihua.core.finetune.OnnxBertGraph;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;

/**
 * Held-out accuracy of a frozen encoder + linear head against fine-tuned and contrastive modes, on
 * the fp32 all-MiniLM-L6-v2, mean ± std over seeds. One thread; thread CPU time is reported.
 *
 * <pre>
 * java -cp "$CP" org.baihua.bench.finetune.FineTuneQualityBench quality &lt;csv&gt; &lt;text column&gt; &lt;label column&gt;
 *      &lt;training texts&gt; &lt;test texts&gt; &lt;max tokens&gt; &lt;seeds&gt; &lt;modes, e.g. frozen,top2&gt;
 * java -cp "$CP" org.baihua.bench.finetune.FineTuneQualityBench fewshot &lt;csv&gt; &lt;text column&gt; &lt;label column&gt;
 *      &lt;per class, e.g. 8,16,32&gt; &lt;test texts&gt; &lt;max tokens&gt; &lt;seeds&gt; &lt;modes, e.g. frozen,top2,contrastive2&gt;
 * </pre>
 *
 * The test texts are one fixed held-out split (shuffle seed 7); each seed draws its own training and
 * validation texts (10 % of the training count, at least one per class) from the rest and seeds the
 * head and the batch order. Modes: {@code frozen} (head only, 50 epochs, head learning rate 1e-2,
 * patience 5 (system property {@code patience})), {@code topN} / {@code all} (fine-tune, 3 epochs, encoder 5e-5, head 1e-2),
 * {@code contrastiveN} (contrastive phase on the top N layers with {@code iterations} pairs per
 * text (default 5, system property {@code iterations}), learning rate 2e-5, then 50 head epochs).
 */
public final class FineTuneQualityBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FineTuneQualityBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path csv = Path.of(args[1]);
        String textColumn = args[2];
        String labelColumn = args[3];
        String sizes = args[4];
        int testSize = Integer.parseInt(args[5]);
        int maxTokens = Integer.parseInt(args[6]);
        int seeds = Integer.parseInt(args[7]);
        String[] modes = args[8].split(",");

        List<String[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                rows.add(new String[] {r.get(textColumn), r.get(labelColumn)});
            }
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r[1]).toList()));
        Collections.shuffle(rows, new Random(7));
        List<String[]> test = rows.subList(0, testSize);
        List<String[]> pool = rows.subList(testSize, rows.size());

        Path dir = Files.createTempDirectory("finetune-quality");
        BertWeights base = OnnxBertGraph.read(FineTuneBench.resource("all-minilm-l6-v2.onnx", dir), Pooling.MEAN).weights();
        int layers = base.config().layers();
        try (FineTuneTokenizer tokenizer = new FineTuneTokenizer(FineTuneBench.resource("all-minilm-l6-v2-tokenizer.json",
                dir), maxTokens); MatrixOps ops = new MatrixOps(1)) {
            Examples testExamples = examples(tokenizer, test, labels);
            float[][][] frozenTest = new float[1][][];
            System.out.printf("%s: %d labels %s, %d test texts (fixed), max %d tokens, %d seeds%n", csv.getFileName(),
                    labels.size(), labels, testSize, maxTokens, seeds);
            for (String size : sizes.split(",")) {
                int n = Integer.parseInt(size);
                Map<String, List<Double>> accuracy = new LinkedHashMap<>();
                Map<String, List<Double>> cpu = new LinkedHashMap<>();
                for (int seed = 1; seed <= seeds; seed++) {
                    List<String[]> shuffled = new ArrayList<>(pool);
                    Collections.shuffle(shuffled, new Random(seed));
                    List<String[]> train;
                    List<String[]> validation;
                    if (kind.equals("fewshot")) {
                        train = perClass(shuffled, labels, n, 0);
                        validation = perClass(shuffled, labels, Math.max(2, n / 4), n);
                    } else {
                        train = shuffled.subList(0, n);
                        validation = shuffled.subList(n, n + Math.max(labels.size(), n / 10));
                    }
                    Examples trainExamples = examples(tokenizer, train, labels);
                    Examples validationExamples = examples(tokenizer, validation, labels);
                    for (String mode : modes) {
                        FineTuneOptions options = options(mode, layers, seed);
                        long started = THREADS.getCurrentThreadCpuTime();
                        FineTuner tuner = new FineTuner(ops);
                        FineTuneResult result = tuner.train(base, trainExamples, validationExamples, OutputKind.SOFTMAX,
                                options, FineTuneProgress.Listener.NONE, CancellationToken.none());
                        // the frozen encoder's test vectors are the same for every seed
                        float[][] vectors = mode.equals("frozen") && frozenTest[0] != null ? frozenTest[0]
                                : tuner.embed(result.encoder(), testExamples.ids(), 2048, 32);
                        if (mode.equals("frozen")) {
                            frozenTest[0] = vectors;
                        }
                        float[][] logits = result.head().forward(ops, vectors);
                        int right = 0;
                        for (int i = 0; i < logits.length; i++) {
                            right += argmax(logits[i]) == argmax(testExamples.targets()[i]) ? 1 : 0;
                        }
                        double acc = (double) right / logits.length;
                        double seconds = (THREADS.getCurrentThreadCpuTime() - started) / 1e9;
                        accuracy.computeIfAbsent(mode, k -> new ArrayList<>()).add(acc);
                        cpu.computeIfAbsent(mode, k -> new ArrayList<>()).add(seconds);
                        System.out.printf("  n=%s seed %d %-14s test accuracy %.4f (validation %.4f, best epoch %d, %d steps)"
                                        + " cpu %.1f s%n", size, seed, mode, acc, result.bestMetric(), result.bestEpoch(),
                                result.steps(), seconds);
                    }
                }
                for (String mode : modes) {
                    List<Double> a = accuracy.get(mode);
                    System.out.printf("RESULT %s n=%s %-14s accuracy %.3f ± %.3f (min %.3f) over %d seeds, cpu %.0f s per run%n",
                            csv.getFileName(), size, mode, mean(a), std(a), a.stream().mapToDouble(d -> d).min().orElse(0),
                            a.size(), mean(cpu.get(mode)));
                }
            }
        }
    }

    static FineTuneOptions options(String mode, int layers, long seed) {
        // few-shot sets have one step per epoch: -Dpatience=50 runs every head epoch and keeps the best
        int patience = Integer.getInteger("patience", 5);
        FineTuneOptions frozen = new FineTuneOptions(0, 5e-5, 1e-2, 0.9, 0.01, 0.06, 1.0, 50, patience, 2048, 32, seed);
        if (mode.equals("frozen")) {
            return frozen;
        }
        if (mode.startsWith("contrastive")) {
            int n = mode.length() > "contrastive".length() ? Integer.parseInt(mode.substring("contrastive".length())) : layers;
            int iterations = Integer.getInteger("iterations", 5);
            return frozen.withTrainableLayers(n).withContrastive(new ContrastiveOptions(iterations, 2e-5, 16, 50));
        }
        int n = mode.equals("all") ? layers : Integer.parseInt(mode.substring("top".length()));
        int epochs = Integer.getInteger("epochs", 3);
        return new FineTuneOptions(n, 5e-5, 1e-2, 0.9, 0.01, 0.06, 1.0, epochs, Math.min(epochs, patience), 2048, 32,
                seed);
    }

    private static List<String[]> perClass(List<String[]> rows, List<String> labels, int n, int skip) {
        List<String[]> out = new ArrayList<>();
        for (String label : labels) {
            rows.stream().filter(r -> r[1].equals(label)).skip(skip).limit(n).forEach(out::add);
        }
        return out;
    }

    private static Examples examples(FineTuneTokenizer tokenizer, List<String[]> rows, List<String> labels) {
        int[][] ids = new int[rows.size()][];
        float[][] targets = new float[rows.size()][labels.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = tokenizer.ids(rows.get(i)[0]);
            targets[i][labels.indexOf(rows.get(i)[1])] = 1f;
        }
        return new Examples(ids, targets);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
    }

    private static double std(List<Double> values) {
        double m = mean(values);
        return values.size() < 2 ? 0
                : Math.sqrt(values.stream().mapToDouble(d -> (d - m) * (d - m)).sum() / (values.size() - 1));
    }
}
