package org.baihua.bench.training;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.Adam;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Tribuo's LinearSGDTrainer (multinomial logistic regression) with Adam and mini-batches of 64. */
final class TribuoPeer {

    private TribuoPeer() {}

    static MutableDataset<Label> dataset(SyntheticEmbeddings set, String name) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(name, factory), factory);
        String[] names = new String[set.x()[0].length];
        for (int d = 0; d < names.length; d++) {
            names[d] = String.format("f%03d", d);
        }
        for (int r = 0; r < set.x().length; r++) {
            double[] values = new double[names.length];
            for (int d = 0; d < names.length; d++) {
                values[d] = set.x()[r][d];
            }
            dataset.add(new ArrayExample<>(new Label("c" + set.y()[r]), names, values));
        }
        return dataset;
    }

    /** Trains for {@code epochs} and returns [wall ms per epoch, CPU ms per epoch, test macro-F1]. */
    static double[] train(MutableDataset<Label> train, MutableDataset<Label> test, int epochs) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new Adam(1e-3, 0.9, 0.999, 1e-8), epochs,
                Integer.MAX_VALUE, 64, 42L);
        Stopwatch watch = new Stopwatch();
        Model<Label> model = trainer.train(train);
        double[] millis = watch.millis();
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        return new double[] {millis[0] / epochs, millis[1] / epochs, evaluation.macroAveragedF1()};
    }
}
