package org.baihua.bench.finetune;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.encoder.internal.DjlEnvironment;
import org.baihua.core.finetune.BertConfig;
import org.baihua.core.finetune.BertEncoder;
import org.baihua.core.finetune.BertWeights;
import org.baihua.core.finetune.Examples;
import org.baihua.core.finetune.FineTuneOptions;
import org.baihua.core.finetune.FineTuneProgress;
import org.baihua.core.finetune.FineTuneResult;
import org.baihua.core.finetune.FineTuneTokenizer;
import org.baihua.core.finetune.FineTuner;
import org.baihua.core.finetune.OnnxBertGraph;
import org.baihua.core.finetune.TokenBatch;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;
import org.bytedeco.openblas.global.openblas;

/**
 * Fine-tuning benchmarks on the fp32 all-MiniLM-L6-v2 (6 layers, hidden 384).
 *
 * <pre>
 * OPENBLAS_NUM_THREADS=1 java -cp "$CP" org.baihua.bench.finetune.FineTuneBench throughput [batch] [tokens] [steps]
 * java -Xmx2g -cp "$CP" org.baihua.bench.finetune.FineTuneBench time &lt;sent_train.csv&gt; [texts] [epochs] [threads] [posts|joined] [all|top2|both]
 * </pre>
 *
 * {@code throughput}: tokens/s and GFLOP/s of forward+backward of the whole encoder on one thread
 * (thread CPU time), against OpenBLAS {@code sgemm} on one thread in the same run (the machine's
 * measured peak) and the engine's {@code affine} kernel on the same shapes. {@code time}: a
 * fine-tuning run with every layer and with the top 2, on tweets of the finance sample ({@code joined}:
 * consecutive posts joined into texts of a full 64 tokens, the memory case the issue names), with the
 * heap's peak (the sum of the heap pools' peaks, an upper bound) after each run.
 */
public final class FineTuneBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FineTuneBench() {}

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "throughput" -> throughput(arg(args, 1, 32), arg(args, 2, 64), arg(args, 3, 3));
            case "time" -> time(Path.of(args[1]), arg(args, 2, 400), arg(args, 3, 1), arg(args, 4, 1),
                    args.length > 5 && args[5].equals("joined"), args.length > 6 ? args[6] : "both");
            default -> throw new IllegalArgumentException(
                    "usage: throughput [batch] [tokens] [steps] | time <csv> [texts] [epochs] [threads] [posts|joined] [all|top2|both]");
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    static Path resource(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = FineTuneBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    static void throughput(int batchSize, int tokens, int steps) throws IOException {
        Path dir = Files.createTempDirectory("finetune-bench");
        BertWeights weights = OnnxBertGraph.read(resource("all-minilm-l6-v2.onnx", dir), Pooling.MEAN).weights();
        BertConfig c = weights.config();
        Random random = new Random(1);
        int[][] ids = new int[batchSize][tokens];
        for (int[] row : ids) {
            row[0] = 101;
            for (int t = 1; t < tokens; t++) {
                row[t] = 1000 + random.nextInt(28_000);
            }
        }
        TokenBatch batch = TokenBatch.pad(ids, 0);
        float[][] dPooled = new float[batchSize][c.hidden()];
        for (float[] row : dPooled) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian() * 0.01f;
            }
        }
        // per token: 4 H×H and 2 H×I matrix products per layer, and Q·Kᵀ and P·V over the sequence
        double forwardFlops = c.layers() * (2.0 * (4L * c.hidden() * c.hidden() + 2L * c.hidden() * c.intermediate())
                + 4.0 * tokens * c.hidden());
        double flopsPerToken = 3 * forwardFlops; // backward: weight and input gradients, twice the forward
        try (MatrixOps ops = new MatrixOps(1)) {
            BertEncoder encoder = new BertEncoder(weights, ops);
            encoder.backward(encoder.forward(batch), dPooled, true); // warm-up: JIT
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                encoder.backward(encoder.forward(batch), dPooled, true);
            }
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double tokensDone = (double) steps * batchSize * tokens;
            double engine = tokensDone * flopsPerToken / cpuSeconds / 1e9;
            System.out.printf("encoder forward+backward, 1 thread, batch %d x %d tokens: %.0f tokens/s (cpu), %.0f (wall);"
                    + " %.1f GFLOP/s (%.1f GFLOP per step)%n", batchSize, tokens, tokensDone / cpuSeconds,
                    tokensDone / wallSeconds, engine, batchSize * tokens * flopsPerToken / 1e9);
            int rows = batchSize * tokens;
            double peakFfn = sgemm(rows, c.hidden(), c.intermediate());
            double peakAttn = sgemm(rows, c.hidden(), c.hidden());
            double peakSquare = sgemm(2048, 2048, 2048);
            double kernelFfn = affine(ops, rows, c.hidden(), c.intermediate());
            double kernelAttn = affine(ops, rows, c.hidden(), c.hidden());
            System.out.printf("OpenBLAS sgemm, 1 thread: %.1f GFLOP/s (%dx%dx%d), %.1f (%dx%dx%d), %.1f (2048^3)%n",
                    peakFfn, rows, c.hidden(), c.intermediate(), peakAttn, rows, c.hidden(), c.hidden(), peakSquare);
            System.out.printf("engine affine, 1 thread: %.1f GFLOP/s (%dx%dx%d), %.1f (%dx%dx%d)%n",
                    kernelFfn, rows, c.hidden(), c.intermediate(), kernelAttn, rows, c.hidden(), c.hidden());
            double peak = Math.max(peakSquare, Math.max(peakFfn, peakAttn));
            System.out.printf("encoder forward+backward at %.0f %% of the measured sgemm peak (%.1f GFLOP/s)%n",
                    100 * engine / peak, peak);
        }
    }

    /** GFLOP/s of OpenBLAS sgemm on one thread, by thread CPU time. */
    static double sgemm(int m, int k, int n) {
        // the presets offer no thread setter; CPU time of this thread is only the whole cost with one thread
        if (!"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
            throw new IllegalStateException("run with OPENBLAS_NUM_THREADS=1: sgemm is timed on the calling thread");
        }
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        Random random = new Random(2);
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, k, 1f, a, k, b, n,
                0f, c, n);
        int reps = (int) Math.max(3, 2e10 / (2.0 * m * k * n));
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, m, n, k, 1f, a, k,
                    b, n, 0f, c, n);
        }
        return 2.0 * m * k * n * reps / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9) / 1e9;
    }

    /** GFLOP/s of the engine's affine kernel on one thread, by thread CPU time. */
    static double affine(MatrixOps ops, int m, int k, int n) {
        float[][] x = new float[m][k];
        float[][] w = new float[k][n];
        float[] b = new float[n];
        float[][] z = new float[m][n];
        Random random = new Random(3);
        for (float[] row : x) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextFloat();
            }
        }
        for (float[] row : w) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextFloat();
            }
        }
        ops.affine(x, m, w, b, z);
        int reps = (int) Math.max(3, 1e10 / (2.0 * m * k * n));
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int r = 0; r < reps; r++) {
            ops.affine(x, m, w, b, z);
        }
        return 2.0 * m * k * n * reps / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9) / 1e9;
    }

    static void time(Path csv, int texts, int epochs, int threads, boolean joined, String modes) throws IOException {
        Path dir = Files.createTempDirectory("finetune-bench");
        DjlEnvironment.configure(dir);
        // -Dencoder=bge: the fp32 bge-small-en-v1.5 (12 layers, CLS pooling) the finance plugin fine-tunes
        boolean bge = "bge".equals(System.getProperty("encoder"));
        BertWeights weights = OnnxBertGraph.read(resource(bge ? "bge-small-en-v1.5.onnx" : "all-minilm-l6-v2.onnx", dir),
                bge ? Pooling.CLS : Pooling.MEAN).weights();
        int layerCount = weights.config().layers();
        List<String[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                rows.add(new String[] {r.get("text"), r.get("label")});
            }
        }
        Collections.shuffle(rows, new Random(7));
        if (joined) {
            rows = joined(rows);
        }
        int validationSize = Math.max(1, texts / 10);
        Examples train;
        Examples validation;
        try (FineTuneTokenizer tokenizer = new FineTuneTokenizer(resource(bge ? "bge-small-en-v1.5-tokenizer.json"
                : "all-minilm-l6-v2-tokenizer.json", dir), 64)) {
            train = examples(tokenizer, rows.subList(0, texts));
            validation = examples(tokenizer, rows.subList(texts, texts + validationSize));
        }
        long trainTokens = 0;
        for (int[] ids : train.ids()) {
            trainTokens += ids.length;
        }
        System.out.printf("%d training texts (%d tokens, mean %.1f), %d validation texts, %d epoch(s), %d thread(s)%n",
                texts, trainTokens, (double) trainTokens / texts, validationSize, epochs, threads);
        System.out.printf("max heap %.0f MiB%n", Runtime.getRuntime().maxMemory() / 1048576.0);
        System.out.printf("encoder %s, %d layers%n", bge ? "bge-small-en-v1.5" : "all-MiniLM-L6-v2", layerCount);
        double[] all = modes.equals("top2") ? null : run(weights, train, validation, layerCount, epochs, threads);
        double[] top2 = modes.equals("all") ? null : run(weights, train, validation, 2, epochs, threads);
        if (all != null && top2 != null) {
            System.out.printf("all / top-2: %.2fx (cpu), %.2fx (wall)%n", all[1] / top2[1], all[0] / top2[0]);
        }
    }

    /**
     * Text i is post i joined with the posts after it until it fills the 64-token window, with post
     * i's label: the memory case of texts of 64 tokens from real text, as many texts as posts
     * (for time and memory; the joined labels mean little).
     */
    private static List<String[]> joined(List<String[]> rows) {
        List<String[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StringBuilder text = new StringBuilder(rows.get(i)[0]);
            for (int j = i + 1; text.length() < 400; j++) { // about 80 word pieces of these posts, cut to 64
                text.append(' ').append(rows.get(j % rows.size())[0]);
            }
            out.add(new String[] {text.toString(), rows.get(i)[1]});
        }
        return out;
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap's peak use. */
    private static double peakHeapMiB() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    }

    private static double[] run(BertWeights weights, Examples train, Examples validation, int layers, int epochs,
                                int threads) {
        try (MatrixOps ops = new MatrixOps(threads)) {
            FineTuneOptions options = FineTuneOptions.defaults(layers, 1).withEpochs(epochs, epochs);
            resetPeaks();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            FineTuneResult result = new FineTuner(ops).train(weights, train, validation, OutputKind.SOFTMAX, options,
                    FineTuneProgress.Listener.NONE, CancellationToken.none());
            double wallMs = (System.nanoTime() - wall) / 1e6;
            double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
            System.out.printf("layers %s: wall %.1f s, cpu (calling thread) %.1f s, cache %.1f s, %d steps, %d tokens,"
                            + " %.0f tokens/s (wall); validation accuracy by epoch %s%n",
                    layers == weights.config().layers() ? "all" : "top-" + layers, wallMs / 1000, cpuMs / 1000, result.cacheMillis() / 1000.0,
                    result.steps(), result.tokens(), result.tokens() / (wallMs / 1000), result.epochs());
            System.out.printf("layers %s: heap peak <= %.0f MiB (sum of the pools' peaks)%n",
                    layers == weights.config().layers() ? "all" : "top-" + layers,
                    peakHeapMiB());
            return new double[] {wallMs, cpuMs};
        }
    }

    private static Examples examples(FineTuneTokenizer tokenizer, List<String[]> rows) {
        int[][] ids = new int[rows.size()][];
        float[][] targets = new float[rows.size()][3];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = tokenizer.ids(rows.get(i)[0]);
            targets[i][Integer.parseInt(rows.get(i)[1])] = 1f;
        }
        return new Examples(ids, targets);
    }
}
