package org.baihua.core.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.LongTextSummary;
import org.baihua.core.features.FeaturePipeline;
import org.baihua.core.features.FittedPipeline;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.core.features.TextStats;
import org.baihua.core.inference.ModelBundle;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.registry.JobProgress;
import org.baihua.core.registry.TrainingResult;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.JavaHead;
import org.baihua.core.training.ProgressListener;
import org.baihua.core.training.TrainedHead;
import org.baihua.core.training.TrainingEngine;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.TrainingRequest;
import org.baihua.core.training.data.LabeledData;
import org.baihua.core.training.data.StratifiedSplit;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.eval.Curves;
import org.baihua.core.training.nn.OutputKind;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.eval.Evaluation;
import org.baihua.core.training.eval.Evaluator;
import org.baihua.core.training.onnx.OnnxHead;
import org.baihua.core.training.selection.Candidate;
import org.baihua.core.training.selection.ModelSelection;
import org.baihua.core.training.onnx.OnnxHeadExporter;
import org.baihua.sdk.DataProfile;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;

/**
 * One training job's work: data set rows &rarr; split &rarr; preprocessing &rarr; features &rarr;
 * head (on small data: chosen by repeated stratified k-fold on train + validation and refit on
 * both, see {@link ModelSelection}) &rarr; test evaluation &rarr; ONNX export (checked against the Java head) &rarr; artifact.
 * Runs on a job thread; reports progress; stops at the next check when cancelled.
 */
final class TrainingRun {

    /** What the run produced, ready for {@code ModelRegistry.markReady}. */
    record Output(byte[] headOnnx, byte[] bundleJson, TrainingResult result, java.nio.file.Path encoderDirectory) {}

    /** Where a run reports its phase and epochs. */
    interface Progress {
        void phase(String phase);

        void epoch(JobProgress progress);
    }

    private static final double PARITY_TOLERANCE = 1e-4;

    private final ObjectMapper json;
    private final DomainExtensions extensions;
    private final EncoderCatalog encoders;
    private final ModelSelection.Settings selection;
    private final EncoderFineTuning fineTuning;

    TrainingRun(ObjectMapper json, DomainExtensions extensions, EncoderCatalog encoders) {
        this(json, extensions, encoders, ModelSelection.Settings.defaults());
    }

    TrainingRun(ObjectMapper json, DomainExtensions extensions, EncoderCatalog encoders, ModelSelection.Settings selection) {
        this.json = json;
        this.extensions = extensions;
        this.encoders = encoders;
        this.selection = selection;
        this.fineTuning = new EncoderFineTuning(encoders);
    }

    /**
     * Trains a version.
     *
     * @param workDir a folder of this job's for a fine-tuned encoder (the caller deletes it after storing the artifact)
     */
    Output run(TrainingSpec spec, TaskSpec task, List<DataRecord> rows, String graphName, int threads, Progress progress,
               CancellationToken cancellation, java.nio.file.Path workDir) {
        return run(spec, null, task, rows, graphName, threads, progress, cancellation, workDir);
    }

    /** Trains with the extensions of plugin version {@code pin} (null: the current versions). */
    Output run(TrainingSpec spec, PluginPin pin, TaskSpec task, List<DataRecord> rows, String graphName, int threads,
               Progress progress, CancellationToken cancellation, java.nio.file.Path workDir) {
        EncoderFineTuning.Tuned[] tuned = new EncoderFineTuning.Tuned[1];
        try {
            return run(spec, pin, task, rows, graphName, threads, progress, cancellation, workDir, tuned);
        } finally {
            if (tuned[0] != null) {
                tuned[0].close(); // serving loads its own copy from the artifact
            }
        }
    }

    private Output run(TrainingSpec spec, PluginPin pin, TaskSpec task, List<DataRecord> rows, String graphName, int threads,
                       Progress progress, CancellationToken cancellation, java.nio.file.Path workDir,
                       EncoderFineTuning.Tuned[] holder) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        progress.phase("preparing");
        TrainingParams params = spec.training();
        TrainingTexts.Prepared prepared = TrainingTexts.prepare(spec.dataset(), task,
                extensions.preprocessors(spec.domain(), spec.task(), pin), rows, params, selection);
        List<String> labels = prepared.labels();
        Targets targets = prepared.targets();
        StratifiedSplit split = prepared.split();
        boolean crossValidate = prepared.crossValidate();
        int[] fitted = prepared.fitted();
        List<DataRecord> train = prepared.train();
        PreprocessingChain chain = prepared.chain();
        List<DataRecord> trainP = prepared.trainP();
        List<DataRecord> validationP = prepared.validationP();
        List<DataRecord> testP = prepared.testP();
        timings.put("preprocessing", millisSince(started));
        check(cancellation);

        long embedding = System.nanoTime();
        progress.phase("embedding");
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        LongTextSummary longTexts = null;
        FittedPipeline pipeline;
        if (hasText && params.encoder().trainsEncoder()) {
            List<DataRecord> tuneTrain = crossValidate ? chain.transform(pick(rows, split.train())) : trainP;
            int[] tuneTrainRows = split.train();
            int[] tuneValidationRows = split.validation().length > 0 ? split.validation() : split.train();
            List<DataRecord> tuneValidation = split.validation().length > 0
                    ? (crossValidate ? chain.transform(pick(rows, split.validation())) : validationP) : tuneTrain;
            OutputKind output = task.kind() == org.baihua.sdk.TaskKind.MULTILABEL ? OutputKind.SIGMOID : OutputKind.SOFTMAX;
            holder[0] = fineTuning.run(encoders.forTask(spec.encoder()).id(), labelledTexts(task, tuneTrain, targets, tuneTrainRows),
                    labelledTexts(task, tuneValidation, targets, tuneValidationRows), output, params.encoder(), params.seed(),
                    threads, tunedEncoderId(graphName), workDir.resolve("encoder"), progress, cancellation);
            timings.put("fineTuning", millisSince(embedding));
            embedding = System.nanoTime();
            progress.phase("embedding");
        }
        EncoderFineTuning.Tuned tuned = holder[0];
        if (hasText) {
            String encoderId = encoders.forTask(spec.encoder()).id();
            EncoderSpec encoderSpec = encoders.spec(encoderId);
            int p90 = LongTextSummary.p90(encoders.tokenCounts(encoderId, texts(task, trainP)));
            LongText strategy = TrainingTexts.strategy(spec.longText(), p90, encoderSpec);
            String reason = spec.longText() != null ? "named in the request"
                    : "90th percentile text has " + p90 + " tokens, the window " + encoderSpec.maxTokens();
            List<String> all = new ArrayList<>(texts(task, trainP));
            all.addAll(texts(task, validationP));
            all.addAll(texts(task, testP));
            longTexts = LongTextSummary.of(encoderSpec, strategy, reason, p90, encoders.tokenCounts(encoderId, all));
            pipeline = FeaturePipeline.fit(task, trainP,
                    tuned != null ? tuned.encoder().get(strategy) : encoders.get(encoderId, strategy), strategy);
        } else {
            pipeline = FeaturePipeline.fit(task, trainP, null);
        }
        TextStats textStats = new TextStats();
        float[][] xTrain = pipeline.transform(trainP, textStats);
        check(cancellation);
        float[][] xValidation = pipeline.transform(validationP, textStats);
        float[][] xTest = pipeline.transform(testP, textStats);
        timings.put("embedding", millisSince(embedding));
        check(cancellation);

        long training = System.nanoTime();
        progress.phase("training");
        HeadSpec designed = spec.head() != null ? spec.head()
                : extensions.headDesigner(spec.domain(), spec.task(), pin)
                        .map(d -> d.design(task, new DataProfile(train.size(), counts(targets.subset(fitted)), pipeline.dimensions())))
                        .orElse(task.head());
        LabeledData trainData = new LabeledData(xTrain, targets.subset(fitted));
        ProgressListener listener = p -> {
            if (p.epochEnd()) {
                Double metric = p.validation().get(task.primaryMetric().name());
                progress.epoch(new JobProgress("training", p.epoch(), p.epochs(), p.trainLoss(), metric));
            }
        };
        HeadSpec head = designed;
        TrainingEngine engine = new TrainingEngine(threads);
        TrainedHead trained;
        ModelSelection.Result selected = null;
        if (crossValidate) {
            progress.phase("selecting");
            List<Candidate> candidates = ModelSelection.candidates(designed, params.learningRate(), spec.head() != null,
                    params.learningRate() != null);
            // during selection the progress counts folds trained, not epochs
            selected = new ModelSelection(engine, selection).select(task, candidates, trainData, params, listener,
                    (c, cs, f, fs) -> progress.epoch(new JobProgress("selecting", c * fs + f, cs * fs, null, null)),
                    cancellation);
            trained = selected.head();
            head = selected.candidate().head();
        } else {
            LabeledData validationData = split.validation().length == 0 ? null
                    : new LabeledData(xValidation, targets.subset(split.validation()));
            trained = engine.train(new TrainingRequest(task, head, trainData, validationData, params), listener, cancellation);
        }
        timings.put("training", millisSince(training));

        progress.phase("evaluating");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("primaryMetric", task.primaryMetric().name());
        metrics.put("labels", labels);
        Evaluation heldOut = selected != null ? selected.outOfFold() : trained.evaluation();
        // without a validation split the engine evaluates on the training rows: never show that as validation
        metrics.put("training".equals(heldOut.split()) ? "training" : "validation", heldOut);
        if (selected != null) {
            metrics.put("crossValidation", selected.report());
        }
        Map<String, Object> calibration = new LinkedHashMap<>();
        if (trained.calibration() != null) {
            calibration.putAll(json.convertValue(trained.calibration(), new TypeReference<Map<String, Object>>() { }));
        }
        if (xTest.length > 0) {
            DecisionApplier decisions = new DecisionApplier(task.kind(), labels, trained.decisionPolicy());
            float[][] testProbabilities = trained.javaRunner().probabilities(xTest);
            Evaluation test = Evaluator.evaluate(testProbabilities, targets.subset(split.test()), decisions, "test");
            metrics.put("test", test);
            metrics.put("curves", Curves.of(testProbabilities, targets.subset(split.test()), decisions, "test"));
            if (trained.calibration() != null) {
                try (JavaHead raw = new JavaHead(trained.uncalibratedWeights())) {
                    Evaluation uncalibrated = Evaluator.evaluate(raw.probabilities(xTest), targets.subset(split.test()),
                            decisions, "test");
                    calibration.put("testEceBefore", uncalibrated.expectedCalibrationError());
                    calibration.put("testEceAfter", test.expectedCalibrationError());
                }
            }
        }
        if (!calibration.isEmpty()) {
            metrics.put("calibration", calibration);
        }
        metrics.put("earlyStoppingMetric", trained.stoppingMetric());
        metrics.put("decisionPolicy", trained.decisionPolicy());
        metrics.put("head", head);
        metrics.put("epochsRun", trained.epochsRun());
        metrics.put("bestEpoch", trained.bestEpoch());
        metrics.put("stoppedEarly", trained.stoppedEarly());
        metrics.put("optimisation", Map.of("batchSize", trained.batchSize(), "steps", trained.steps(), "schedule", trained.schedule()));
        metrics.put("history", trained.history());
        metrics.put("split", Map.of("train", split.train().length, "validation", split.validation().length, "test", split.test().length,
                "method", crossValidate ? "repeated stratified k-fold on train + validation, refit on both" : "hold-out"));
        metrics.put("features", pipeline.dimensions());
        List<String> warnings = smallDataWarnings(xTest.length, split.validation().length, crossValidate);
        if (!warnings.isEmpty()) {
            metrics.put("warnings", warnings);
        }
        if (longTexts != null) {
            metrics.put("longTexts", longTexts);
        }
        if (tuned != null) {
            metrics.put("fineTuning", tuned.report());
        }
        if (hasText) {
            // one summary per job, where a warning per embedding batch used to interrupt progress output
            metrics.put("texts", Map.of("embedded", textStats.texts(), "truncated", textStats.truncated(),
                    "maxTokens", encoders.forTask(spec.encoder()).maxTokens()));
        }

        byte[] onnx = OnnxHeadExporter.export(trained.weights(), graphName);
        checkParity(onnx, trained, xValidation.length > 0 ? xValidation : xTrain);
        ModelBundle bundle = new ModelBundle(ModelBundle.FORMAT, spec.domain(), spec.task(), task.kind(), labels, chain.steps(),
                pipeline.state(), trained.decisionPolicy(), tuned == null ? null
                        : new ModelBundle.TunedEncoderRef(encoders.forTask(spec.encoder()).id(), tuned.encoder().spec().id(),
                                tuned.encoder().modelSha256()));
        timings.put("total", millisSince(started));
        try {
            Map<String, Object> metricsMap = json.convertValue(metrics, new TypeReference<Map<String, Object>>() { });
            return new Output(onnx, json.writeValueAsBytes(bundle), new TrainingResult(metricsMap, timings),
                    tuned == null ? null : tuned.directory());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the model bundle", e);
        }
    }

    /** Held-out examples below which a split's metrics are called a rough estimate in the version's warnings. */
    static final int MIN_RELIABLE_TEST_EXAMPLES = 30;

    /** What a reader of the metrics must know: no test split, or one too small to trust, or no held-out data at all. */
    static List<String> smallDataWarnings(int test, int validation, boolean crossValidated) {
        List<String> warnings = new ArrayList<>();
        if (test == 0) {
            warnings.add("no test split (testSplit is 0 or the data set is too small): the version has no test metrics");
            if (validation == 0 && !crossValidated) {
                warnings.add("no validation split either: the only metrics were measured on the training rows (metrics.training)"
                        + " and say nothing about new data");
            }
        } else if (test < MIN_RELIABLE_TEST_EXAMPLES) {
            warnings.add("the test split has only " + test + " examples (fewer than " + MIN_RELIABLE_TEST_EXAMPLES
                    + "): its metrics are a rough estimate; ingest more rows for a reliable one");
        }
        return warnings;
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

    /**
     * The texts of the task's text fields with the targets of their rows: what the encoder is
     * fine-tuned on (a row with two text fields gives two examples).
     *
     * @param rowIndices each row's index in {@code targets}
     */
    private static EncoderFineTuning.Texts labelledTexts(TaskSpec task, List<DataRecord> rows, Targets targets,
                                                         int[] rowIndices) {
        List<String> texts = new ArrayList<>();
        List<float[]> rowsOfTargets = new ArrayList<>();
        for (var field : task.inputs()) {
            if (field.type() == FieldType.TEXT) {
                for (int r = 0; r < rows.size(); r++) {
                    String text = rows.get(r).text(field.name());
                    if (text != null && !text.isBlank()) {
                        float[] target = new float[targets.width()];
                        targets.write(rowIndices[r], target, 0);
                        texts.add(text);
                        rowsOfTargets.add(target);
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            throw new org.baihua.core.training.TrainingFailedException("no texts to fine-tune the encoder on: every text"
                    + " field of the training rows is empty");
        }
        return new EncoderFineTuning.Texts(texts, rowsOfTargets.toArray(float[][]::new));
    }

    /** The tuned encoder's id, from the version's graph name ({@code <model>-v<version>}), as an encoder id. */
    static String tunedEncoderId(String graphName) {
        String id = ("ft-" + graphName.toLowerCase(java.util.Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static List<String> texts(TaskSpec task, List<DataRecord> rows) {
        return TrainingTexts.texts(task, rows);
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
        return TrainingTexts.pick(rows, indices);
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
