package org.baihua.bench.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;

/**
 * The same head trained by DJL on the PyTorch engine: Linear layers with ReLU, softmax
 * cross-entropy, Adam 1e-3, shuffled mini-batches of 64. Threads are PyTorch's intra-op threads,
 * set with {@code -Dai.djl.pytorch.num_threads=N} before the engine loads.
 */
final class PyTorchPeer {

    private PyTorchPeer() {}

    /** Trains for {@code epochs}; returns [wall ms per epoch, CPU ms of this thread per epoch, test macro-F1]. */
    static double[] train(SyntheticEmbeddings train, SyntheticEmbeddings test, List<Integer> hidden, int epochs)
            throws Exception {
        SequentialBlock block = new SequentialBlock();
        for (int width : hidden) {
            block.add(Linear.builder().setUnits(width).build()).add(Activation::relu);
        }
        block.add(Linear.builder().setUnits(train.classes()).build());
        try (Model model = Model.newInstance("head", "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(config); NDManager manager = NDManager.newBaseManager("PyTorch")) {
                int dims = train.x()[0].length;
                trainer.initialize(new Shape(64, dims));
                NDArray x = manager.create(train.x());
                float[] labels = new float[train.y().length];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = train.y()[i];
                }
                NDArray y = manager.create(labels);
                ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(64, true).build();
                Stopwatch watch = new Stopwatch();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                }
                double[] millis = watch.millis();
                NDArray logits = trainer.evaluate(new NDList(manager.create(test.x()))).singletonOrThrow();
                long[] predicted = logits.argMax(1).toLongArray();
                return new double[] {millis[0] / epochs, millis[1] / epochs, macroF1(predicted, test.y(), test.classes())};
            }
        }
    }

    static double macroF1(long[] predicted, int[] truth, int classes) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int i = 0; i < truth.length; i++) {
                boolean p = predicted[i] == c;
                boolean t = truth[i] == c;
                tp += p && t ? 1 : 0;
                fp += p && !t ? 1 : 0;
                fn += !p && t ? 1 : 0;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / classes;
    }
}
