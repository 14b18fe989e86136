package org.baihua.bench.training;

import java.util.List;
import java.util.Locale;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/**
 * The training-engine benchmarks of docs/benchmarks.md, on synthetic 384-dimensional unit vectors
 * with 5 classes (the shape of MiniLM sentence embeddings).
 *
 * <pre>
 * java -cp "$(cat distribution/bench/target/classpath.txt):distribution/bench/target/classes" \
 *     org.baihua.bench.training.TrainingBench tribuo|pytorch|scaling [epochs]
 * </pre>
 * For the PyTorch peer, add {@code -Dai.djl.pytorch.num_threads=1} (or 2) and {@code -Dai.djl.offline=true}.
 */
public final class TrainingBench {

    private static final int DIMS = 384;
    private static final int CLASSES = 5;

    private TrainingBench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "tribuo";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        SyntheticEmbeddings train = SyntheticEmbeddings.generate(20_000, DIMS, CLASSES, 1);
        SyntheticEmbeddings test = SyntheticEmbeddings.generate(5_000, DIMS, CLASSES, 2);
        switch (what) {
            case "tribuo" -> tribuo(train, test, epochs);
            case "pytorch" -> pytorch(train, test, epochs);
            case "baihua-mlp" -> baihuaMlp(train, test, epochs);
            case "scaling" -> scaling(epochs);
            default -> throw new IllegalArgumentException("unknown benchmark '" + what
                    + "': use tribuo, pytorch, baihua-mlp or scaling");
        }
    }

    private static void tribuo(SyntheticEmbeddings train, SyntheticEmbeddings test, int epochs) {
        SyntheticEmbeddings warm = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3);
        MutableDataset<Label> tribuoTrain = TribuoPeer.dataset(train, "train");
        MutableDataset<Label> tribuoTest = TribuoPeer.dataset(test, "test");
        TribuoPeer.train(TribuoPeer.dataset(warm, "warm"), tribuoTest, 2); // JIT warm-up
        BaihuaPeer.train(warm, test, List.of(), 2, 1);
        double[] tribuo = TribuoPeer.train(tribuoTrain, tribuoTest, epochs);
        print("tribuo linear", tribuo[0], tribuo[1], tribuo[2]);
        for (int threads = 1; threads <= 2; threads++) {
            BaihuaPeer.Result baihua = BaihuaPeer.train(train, test, List.of(), epochs, threads);
            print("baihua linear, " + threads + " thread(s)", baihua.wallMillis(), baihua.cpuMillis(), baihua.macroF1());
        }
    }

    private static void pytorch(SyntheticEmbeddings train, SyntheticEmbeddings test, int epochs) throws Exception {
        SyntheticEmbeddings warm = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3);
        PyTorchPeer.train(warm, test, List.of(64), 1);
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        for (int width : new int[] {64, 128}) {
            double[] torch = PyTorchPeer.train(train, test, List.of(width), epochs);
            print("pytorch 384-" + width + "-5, threads " + threads, torch[0], torch[1], torch[2]);
        }
    }

    private static void baihuaMlp(SyntheticEmbeddings train, SyntheticEmbeddings test, int epochs) {
        SyntheticEmbeddings warm = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3);
        BaihuaPeer.train(warm, test, List.of(64), 2, 2);
        for (int width : new int[] {64, 128}) {
            for (int threads = 1; threads <= 2; threads++) {
                BaihuaPeer.Result result = BaihuaPeer.train(train, test, List.of(width), epochs, threads);
                print("baihua 384-" + width + "-5, " + threads + " thread(s)", result.wallMillis(), result.cpuMillis(),
                        result.macroF1());
            }
        }
    }

    private static void scaling(int epochs) {
        SyntheticEmbeddings test = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 2);
        BaihuaPeer.train(SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3), test, List.of(64), 2, 2);
        for (int rows : new int[] {1_000, 10_000, 100_000}) {
            SyntheticEmbeddings train = SyntheticEmbeddings.generate(rows, DIMS, CLASSES, 1);
            BaihuaPeer.Result result = BaihuaPeer.train(train, test, List.of(64), epochs, 1);
            System.out.printf(Locale.ROOT, "%-40s wall %8.1f ms/epoch  cpu %8.1f ms/epoch  %6.2f us cpu/example/epoch"
                    + "  macro-F1 %.4f%n", "baihua 384-64-5 (1 thread), " + rows + " rows", result.wallMillis(),
                    result.cpuMillis(), result.cpuMillis() * 1000 / rows, result.macroF1());
        }
    }

    private static void print(String name, double wallMillis, double cpuMillis, double f1) {
        System.out.printf(Locale.ROOT, "%-40s wall %8.1f ms/epoch  calling-thread cpu %8.1f ms/epoch  macro-F1 %.4f%n",
                name, wallMillis, cpuMillis, f1);
    }
}
