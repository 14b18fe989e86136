package org.baihua.bench.training;

import java.util.ArrayList;
import java.util.List;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.HeadRunner;
import org.baihua.core.training.ProgressListener;
import org.baihua.core.training.TrainedHead;
import org.baihua.core.training.TrainingEngine;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.TrainingRequest;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.sdk.Activation;
import org.baihua.sdk.ClassWeighting;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.OptimizerSpec;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/** The Baihua engine configured like the peers: Adam 1e-3, constant rate, no dropout, no validation split. */
final class BaihuaPeer {

    private BaihuaPeer() {}

    static List<String> labels(int classes) {
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            labels.add("c" + c);
        }
        return labels;
    }

    static LabeledData data(SyntheticEmbeddings set) {
        return new LabeledData(set.x(), Targets.single(TaskKind.MULTICLASS, labels(set.classes()), set.y()));
    }

    /** Trains and returns the result plus the macro-F1 on {@code test}. */
    static Result train(SyntheticEmbeddings train, SyntheticEmbeddings test, List<Integer> hidden, int epochs,
                        int threads) {
        TaskSpec task = new TaskSpec("bench", "", TaskKind.MULTICLASS, labels(train.classes()),
                List.of(FieldSpec.text("text", "")), null, Metric.MACRO_F1, null);
        HeadSpec head = new HeadSpec(hidden, Activation.RELU, 0, ClassWeighting.none(), 0,
                new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-3, 0, 0));
        TrainingParams params = TrainingParams.builder().optEpochs(epochs).optBatchSize(64).optValidationSplit(0)
                .optTestSplit(0).optPatience(0).optWarmupFraction(0).optFinalLearningRateFraction(1).build();
        Stopwatch watch = new Stopwatch();
        TrainedHead trained = new TrainingEngine(threads).train(new TrainingRequest(task, head, data(train), null, params),
                ProgressListener.NONE, CancellationToken.none());
        double[] millis = watch.millis();
        try (HeadRunner runner = trained.javaRunner()) {
            float[][] p = runner.probabilities(test.x());
            double f1 = Evaluator.evaluate(p, data(test).y(), new DecisionApplier(TaskKind.MULTICLASS,
                    labels(test.classes()), DecisionPolicy.argmax()), "test").macroF1();
            return new Result(millis[0] / epochs, millis[1] / epochs, f1);
        }
    }

    /**
     * Per epoch: wall-clock and calling-thread CPU milliseconds of the whole training call (which
     * includes one evaluation pass over the training set at the end), and the test macro-F1.
     */
    record Result(double wallMillis, double cpuMillis, double macroF1) {
        double[] asArray() {
            return new double[] {wallMillis, cpuMillis, macroF1};
        }
    }
}
