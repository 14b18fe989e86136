package org.baihua.core.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.features.FeaturePipeline;
import org.baihua.core.features.FittedPipeline;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.core.inference.ModelBundle;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.registry.JobProgress;
import org.baihua.core.registry.TrainingResult;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.ProgressListener;
import org.baihua.core.training.TrainedHead;
import org.baihua.core.training.TrainingEngine;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.TrainingRequest;
import org.baihua.core.training.data.LabelReader;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.StratifiedSplit;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.core.training.onnx.OnnxHead;
import org.baihua.core.training.onnx.OnnxHeadExporter;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;

/**
 * One training job's work: data set rows &rarr; split &rarr; preprocessing &rarr; features &rarr;
 * head &rarr; test evaluation &rarr; ONNX export (checked against the Java head) &rarr; artifact.
 * Runs on a job thread; reports progress; stops at the next check when cancelled.
 */
final class TrainingRun {

    /** What the run produced, ready for {@code ModelRegistry.markReady}. */
    record Output(byte[] headOnnx, byte[] bundleJson, TrainingResult result) {}

    /** Where a run reports its phase and epochs. */
    interface Progress {
        void phase(String phase);

        void epoch(JobProgress progress);
    }

    private static final double PARITY_TOLERANCE = 1e-4;

    private final ObjectMapper json;
    private final DomainExtensions extensions;
    private final EncoderCatalog encoders;

    TrainingRun(ObjectMapper json, DomainExtensions extensions, EncoderCatalog encoders) {
        this.json = json;
        this.extensions = extensions;
        this.encoders = encoders;
    }

    Output run(TrainingSpec spec, TaskSpec task, List<DataRecord> rows, String graphName, int threads, Progress progress,
               CancellationToken cancellation) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        progress.phase("preparing");
        List<String> labels = LabelReader.labelSet(task, rows, "label");
        if (labels.size() < 2) {
            throw new IllegalArgumentException("data set '" + spec.dataset() + "' has " + labels.size()
                    + " label(s) " + labels + "; a classifier needs at least 2");
        }
        Targets targets = LabelReader.read(task, labels, rows, "label");
        TrainingParams params = spec.training();
        StratifiedSplit split = StratifiedSplit.of(targets, params.validationSplit(), params.testSplit(), params.seed());
        List<DataRecord> train = pick(rows, split.train());
        PreprocessingChain chain = PreprocessingChain.fit(task, extensions.preprocessors(spec.domain(), spec.task()), train);
        List<DataRecord> trainP = chain.transform(train);
        List<DataRecord> validationP = chain.transform(pick(rows, split.validation()));
        List<DataRecord> testP = chain.transform(pick(rows, split.test()));
        timings.put("preprocessing", millisSince(started));
        check(cancellation);

        long embedding = System.nanoTime();
        progress.phase("embedding");
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        FittedPipeline pipeline = FeaturePipeline.fit(task, trainP, hasText ? encoders.forTask(spec.encoder()) : null);
        float[][] xTrain = pipeline.transform(trainP);
        check(cancellation);
        float[][] xValidation = pipeline.transform(validationP);
        float[][] xTest = pipeline.transform(testP);
        timings.put("embedding", millisSince(embedding));
        check(cancellation);

        long training = System.nanoTime();
        progress.phase("training");
        HeadSpec head = spec.head() != null ? spec.head()
                : extensions.headDesigner(spec.domain(), spec.task())
                        .map(d -> d.design(task, new DataProfile(train.size(), counts(targets.subset(split.train())), pipeline.dimensions())))
                        .orElse(task.head());
        LabeledData trainData = new LabeledData(xTrain, targets.subset(split.train()));
        LabeledData validationData = split.validation().length == 0 ? null : new LabeledData(xValidation, targets.subset(split.validation()));
        ProgressListener listener = p -> {
            if (p.epochEnd()) {
                Double metric = p.validation().get(task.primaryMetric().name());
                progress.epoch(new JobProgress("training", p.epoch(), p.epochs(), p.trainLoss(), metric));
            }
        };
        TrainedHead trained = new TrainingEngine(threads).train(new TrainingRequest(task, head, trainData, validationData, params), listener, cancellation);
        timings.put("training", millisSince(training));

        progress.phase("evaluating");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("primaryMetric", task.primaryMetric().name());
        metrics.put("labels", labels);
        metrics.put("validation", trained.evaluation());
        if (xTest.length > 0) {
            DecisionApplier decisions = new DecisionApplier(task.kind(), labels, trained.decisionPolicy());
            Evaluation test = Evaluator.evaluate(trained.javaRunner().probabilities(xTest), targets.subset(split.test()), decisions, "test");
            metrics.put("test", test);
        }
        metrics.put("decisionPolicy", trained.decisionPolicy());
        metrics.put("head", head);
        metrics.put("epochsRun", trained.epochsRun());
        metrics.put("bestEpoch", trained.bestEpoch());
        metrics.put("stoppedEarly", trained.stoppedEarly());
        metrics.put("optimisation", Map.of("batchSize", trained.batchSize(), "steps", trained.steps(), "schedule", trained.schedule()));
        metrics.put("split", Map.of("train", split.train().length, "validation", split.validation().length, "test", split.test().length));
        metrics.put("features", pipeline.dimensions());

        byte[] onnx = OnnxHeadExporter.export(trained.weights(), graphName);
        checkParity(onnx, trained, xValidation.length > 0 ? xValidation : xTrain);
        ModelBundle bundle = new ModelBundle(ModelBundle.FORMAT, spec.domain(), spec.task(), task.kind(), labels, chain.steps(),
                pipeline.state(), trained.decisionPolicy());
        timings.put("total", millisSince(started));
        try {
            Map<String, Object> metricsMap = json.convertValue(metrics, new TypeReference<Map<String, Object>>() { });
            return new Output(onnx, json.writeValueAsBytes(bundle), new TrainingResult(metricsMap, timings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the model bundle", e);
        }
    }

    /** The exported graph must compute what the trained head computes, or nothing is saved. */
    private static void checkParity(byte[] onnx, TrainedHead trained, float[][] sample) {
        float[][] rows = java.util.Arrays.copyOf(sample, Math.min(sample.length, 64));
        if (rows.length == 0) {
            return;
        }
        float[][] expected = trained.javaRunner().probabilities(rows);
        try (OnnxHead head = OnnxHead.load(onnx, rows[0].length, expected[0].length)) {
            float[][] actual = head.probabilities(rows);
            for (int r = 0; r < rows.length; r++) {
                for (int j = 0; j < expected[r].length; j++) {
                    if (Math.abs(expected[r][j] - actual[r][j]) > PARITY_TOLERANCE) {
                        throw new IllegalStateException("the exported ONNX head differs from the trained head at row " + r
                                + " output " + j + ": " + actual[r][j] + " vs " + expected[r][j]);
                    }
                }
            }
        }
    }

    private static Map<String, Long> counts(Targets targets) {
        long[] counts = targets.counts();
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.put(targets.labels().get(i), counts[i]);
        }
        return map;
    }

    private static List<DataRecord> pick(List<DataRecord> rows, int[] indices) {
        List<DataRecord> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(rows.get(i));
        }
        return picked;
    }

    private static void check(CancellationToken cancellation) {
        if (cancellation.isCancelled()) {
            throw new org.baihua.core.training.TrainingCancelledException(0, 0);
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
