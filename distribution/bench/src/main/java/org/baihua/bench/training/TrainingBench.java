package org.baihua.bench.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

/**
 * The training-engine benchmarks of docs/benchmarks.md, on synthetic 384-dimensional unit vectors
 * with 5 classes (the shape of MiniLM sentence embeddings): 20,000 training rows, 5,000 test rows.
 * Each contender is trained {@value #REPEATS} times, interleaved, and the median is reported.
 *
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *     -cp "$(cat distribution/bench/target/classpath.txt):distribution/bench/target/classes" \
 *     org.baihua.bench.training.TrainingBench linear|mlp|scaling [epochs]
 * </pre>
 */
public final class TrainingBench {

    private static final int DIMS = 384;
    private static final int CLASSES = 5;
    private static final int REPEATS = 3;

    private TrainingBench() {}

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "linear";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if ("scaling".equals(what)) {
            scaling(epochs);
            return;
        }
        SyntheticEmbeddings train = SyntheticEmbeddings.generate(20_000, DIMS, CLASSES, 1);
        SyntheticEmbeddings test = SyntheticEmbeddings.generate(5_000, DIMS, CLASSES, 2);
        SyntheticEmbeddings warm = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3);
        System.out.printf(Locale.ROOT, "%d training rows x %d dims, %d classes, %d epochs, batch 64, Adam 1e-3; "
                + "median of %d; ms per epoch%n", train.x().length, DIMS, CLASSES, epochs, REPEATS);
        switch (what) {
            case "linear" -> linear(train, test, warm, epochs);
            case "mlp" -> mlp(train, test, warm, epochs);
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "': use linear, mlp or scaling");
        }
    }

    /** Baihua's linear softmax head against Tribuo's LinearSGDTrainer. */
    private static void linear(SyntheticEmbeddings train, SyntheticEmbeddings test, SyntheticEmbeddings warm,
                               int epochs) {
        MutableDataset<Label> tribuoTrain = TribuoPeer.dataset(train, "train");
        MutableDataset<Label> tribuoTest = TribuoPeer.dataset(test, "test");
        TribuoPeer.train(TribuoPeer.dataset(warm, "warm"), tribuoTest, 2); // JIT warm-up of both
        BaihuaPeer.train(warm, test, List.of(), 2, 1);
        List<double[]> tribuo = new ArrayList<>();
        List<double[]> baihua1 = new ArrayList<>();
        List<double[]> baihua2 = new ArrayList<>();
        for (int r = 0; r < REPEATS; r++) {
            tribuo.add(TribuoPeer.train(tribuoTrain, tribuoTest, epochs));
            baihua1.add(BaihuaPeer.train(train, test, List.of(), epochs, 1).asArray());
            baihua2.add(BaihuaPeer.train(train, test, List.of(), epochs, 2).asArray());
        }
        print("tribuo LinearSGDTrainer (1 thread)", tribuo);
        print("baihua linear, 1 thread", baihua1);
        print("baihua linear, 2 threads", baihua2);
    }

    /** Baihua's 384-h-5 MLP heads against the same network trained by DJL on PyTorch. */
    private static void mlp(SyntheticEmbeddings train, SyntheticEmbeddings test, SyntheticEmbeddings warm, int epochs)
            throws Exception {
        String torchThreads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        PyTorchPeer.train(warm, test, List.of(64), 2);
        BaihuaPeer.train(warm, test, List.of(64), 2, 1);
        for (int width : new int[] {64, 128}) {
            List<double[]> torch = new ArrayList<>();
            List<double[]> baihua1 = new ArrayList<>();
            List<double[]> baihua2 = new ArrayList<>();
            for (int r = 0; r < REPEATS; r++) {
                torch.add(PyTorchPeer.train(train, test, List.of(width), epochs));
                baihua1.add(BaihuaPeer.train(train, test, List.of(width), epochs, 1).asArray());
                baihua2.add(BaihuaPeer.train(train, test, List.of(width), epochs, 2).asArray());
            }
            print("djl pytorch 384-" + width + "-5, threads " + torchThreads, torch);
            print("baihua 384-" + width + "-5, 1 thread", baihua1);
            print("baihua 384-" + width + "-5, 2 threads", baihua2);
        }
    }

    /** Training time of the 384-64-5 head for 1k, 10k and 100k rows, one thread. */
    private static void scaling(int epochs) {
        System.out.printf(Locale.ROOT, "384 dims, %d classes, %d epochs, batch 64, Adam 1e-3; median of %d%n",
                CLASSES, epochs, REPEATS);
        SyntheticEmbeddings test = SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 2);
        BaihuaPeer.train(SyntheticEmbeddings.generate(2_000, DIMS, CLASSES, 3), test, List.of(64), 2, 1);
        for (int rows : new int[] {1_000, 10_000, 100_000}) {
            SyntheticEmbeddings train = SyntheticEmbeddings.generate(rows, DIMS, CLASSES, 1);
            List<double[]> runs = new ArrayList<>();
            for (int r = 0; r < REPEATS; r++) {
                runs.add(BaihuaPeer.train(train, test, List.of(64), epochs, 1).asArray());
            }
            double cpu = median(runs, 1);
            System.out.printf(Locale.ROOT, "%-40s wall %8.1f  cpu %8.1f ms/epoch  %6.2f us cpu/row/epoch  macro-F1 %.4f%n",
                    "baihua 384-64-5, 1 thread, " + rows + " rows", median(runs, 0), cpu, cpu * 1000 / rows,
                    median(runs, 2));
        }
    }

    private static void print(String name, List<double[]> runs) {
        System.out.printf(Locale.ROOT, "%-40s wall %8.1f  calling-thread cpu %8.1f ms/epoch  macro-F1 %.4f%n",
                name, median(runs, 0), median(runs, 1), median(runs, 2));
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
