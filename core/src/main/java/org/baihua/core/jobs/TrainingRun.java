package org.baihua.core.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.drift.ProfileBuilder;
import org.baihua.core.drift.ReferenceProfile;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.LongTextChoice;
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
import org.baihua.core.training.data.LabelReader;
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
    /** Trains with the extensions of plugin version {@code pin} (null: the current versions). */
    Output run(TrainingSpec spec, PluginPin pin, TaskSpec task, StoredRows rows, String graphName, int threads,
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

    private Output run(TrainingSpec spec, PluginPin pin, TaskSpec task, StoredRows rows, String graphName, int threads,
                       Progress progress, CancellationToken cancellation, java.nio.file.Path workDir,
                       EncoderFineTuning.Tuned[] holder) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        progress.phase("preparing");
        List<String> labels = LabelReader.labelSet(task, rows, DataRecord.LABEL);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("data set '" + spec.dataset() + "' has " + labels.size()
                    + " label(s) " + labels + "; a classifier needs at least 2");
        }
        Targets targets = LabelReader.read(task, labels, rows, DataRecord.LABEL);
        TrainingParams params = spec.training();
        StratifiedSplit split = StratifiedSplit.of(targets, params.validationSplit(), params.testSplit(), params.seed());
        // small data: cross-validate on train + validation and refit on all of it, so fit the preprocessing there
        int[] development = sortedUnion(split.train(), split.validation());
        boolean crossValidate = split.validation().length > 0 && selection.applies(targets.subset(development));
        int[] fitted = crossValidate ? development : split.train();
        // views of the stored rows, read from disk on each pass: no pass holds more than a batch of raw records
        List<DataRecord> train = rows.select(fitted);
        PreprocessingChain chain = PreprocessingChain.fit(task, extensions.preprocessors(spec.domain(), spec.task(), pin), train);
        List<DataRecord> trainP = chain.view(train);
        timings.put("preprocessing", millisSince(started));
        check(cancellation);

        long embedding = System.nanoTime();
        progress.phase("embedding");
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        LongTextSummary longTexts = null;
        FittedPipeline pipeline;
        if (hasText && params.encoder().trainsEncoder()) {
            int[] tuneTrainRows = split.train();
            int[] tuneValidationRows = split.validation().length > 0 ? split.validation() : split.train();
            OutputKind output = task.kind() == org.baihua.sdk.TaskKind.MULTILABEL ? OutputKind.SIGMOID : OutputKind.SOFTMAX;
            holder[0] = fineTuning.run(encoders.forTask(spec.encoder()).id(),
                    labelledTexts(task, chain.view(rows.select(tuneTrainRows)), targets, tuneTrainRows),
                    labelledTexts(task, chain.view(rows.select(tuneValidationRows)), targets, tuneValidationRows), output,
                    params.encoder(), params.seed(), threads, tunedEncoderId(graphName), workDir.resolve("encoder"), progress,
                    cancellation);
            timings.put("fineTuning", millisSince(embedding));
            embedding = System.nanoTime();
            progress.phase("embedding");
        }
        EncoderFineTuning.Tuned tuned = holder[0];
        LongText strategy = null;
        int p90 = 0;
        String reason = null;
        if (hasText) {
            String encoderId = encoders.forTask(spec.encoder()).id();
            EncoderSpec encoderSpec = encoders.spec(encoderId);
            p90 = LongTextSummary.p90(tokenCounts(encoderId, task, trainP));
            LongTextChoice choice = LongTextChoice.choose(spec.longText(), task.id(), task.longText(), encoders.longTextSetting(),
                    p90, encoderSpec.maxTokens());
            strategy = choice.strategy();
            reason = choice.reason();
            pipeline = FeaturePipeline.fit(task, trainP,
                    tuned != null ? tuned.encoder().get(strategy) : encoders.get(encoderId, strategy), strategy);
        } else {
            pipeline = FeaturePipeline.fit(task, trainP, null);
        }
        // the width is known now: refuse before the feature matrix is allocated rather than run out of heap
        TrainingMemory.check(TrainingMemory.estimate(rows.size(), pipeline.dimensions(), targets.width(), 0),
                TrainingMemory::availableHeap, "data set '" + spec.dataset() + "' (" + rows.size() + " rows, "
                        + pipeline.dimensions() + " features)");
        TextStats textStats = new TextStats();
        FeatureMatrix features = FeatureMatrix.of(chain.view(rows), pipeline, textStats,
                hasText ? texts -> encoders.tokenCounts(encoders.forTask(spec.encoder()).id(), texts) : null, task, cancellation);
        if (hasText) {
            EncoderSpec encoderSpec = encoders.spec(encoders.forTask(spec.encoder()).id());
            longTexts = LongTextSummary.of(encoderSpec, strategy, reason, p90, features.tokenCounts());
        }
        float[][] xTrain = features.pick(fitted);
        float[][] xValidation = crossValidate ? new float[0][] : features.pick(split.validation());
        float[][] xTest = features.pick(split.test());
        timings.put("embedding", millisSince(embedding));
        check(cancellation);

        long training = System.nanoTime();
        progress.phase("training");
        HeadSpec designed = spec.head() != null ? spec.head()
                : extensions.headDesigner(spec.domain(), spec.task(), pin)
                        .map(d -> d.design(task, new DataProfile(fitted.length, counts(targets.subset(fitted)), pipeline.dimensions())))
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
        ReferenceProfile reference = referenceProfile(task, pipeline, trainP, xTrain, targets.subset(fitted), labels, trained,
                xValidation, xTest);
        ModelBundle bundle = new ModelBundle(ModelBundle.FORMAT, spec.domain(), spec.task(), task.kind(), labels, chain.steps(),
                pipeline.state(), trained.decisionPolicy(), tuned == null ? null
                        : new ModelBundle.TunedEncoderRef(encoders.forTask(spec.encoder()).id(), tuned.encoder().spec().id(),
                                tuned.encoder().modelSha256()), reference);
        timings.put("total", millisSince(started));
        try {
            Map<String, Object> metricsMap = json.convertValue(metrics, new TypeReference<Map<String, Object>>() { });
            return new Output(onnx, json.writeValueAsBytes(bundle), new TrainingResult(metricsMap, timings),
                    tuned == null ? null : tuned.directory());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the model bundle", e);
        }
    }

    /**
     * The version's drift yardstick: its training rows' inputs and embeddings, and the labels it decides on the
     * held-out rows (validation and test; the training rows when there are none).
     */
    private static ReferenceProfile referenceProfile(TaskSpec task, FittedPipeline pipeline, List<DataRecord> trainP, float[][] xTrain,
                                                     Targets trainTargets, List<String> labels, TrainedHead trained,
                                                     float[][] xValidation, float[][] xTest) {
        List<int[]> rowLabels = new ArrayList<>(trainTargets.rows());
        for (int r = 0; r < trainTargets.rows(); r++) {
            if (trainTargets.singleLabel()) {
                rowLabels.add(new int[] {trainTargets.classes()[r]});
            } else {
                boolean[] set = trainTargets.sets()[r];
                rowLabels.add(java.util.stream.IntStream.range(0, set.length).filter(k -> set[k]).toArray());
            }
        }
        float[][] heldOut = new float[xValidation.length + xTest.length][];
        System.arraycopy(xValidation, 0, heldOut, 0, xValidation.length);
        System.arraycopy(xTest, 0, heldOut, xValidation.length, xTest.length);
        if (heldOut.length == 0) {
            heldOut = xTrain;
        }
        DecisionApplier decisions = new DecisionApplier(task.kind(), labels, trained.decisionPolicy());
        List<List<String>> decided = new ArrayList<>(heldOut.length);
        if (heldOut.length > 0) {
            for (float[] p : trained.javaRunner().probabilities(heldOut)) {
                decided.add(decisions.labels(p));
            }
        }
        return ProfileBuilder.of(task, pipeline.state(), trainP, xTrain, rowLabels, labels, decided);
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
     * fine-tuned on (a row with two text fields gives two examples), handed out as the rows are read.
     *
     * @param rowIndices each row's index in {@code targets}
     */
    private static EncoderFineTuning.TextSource labelledTexts(TaskSpec task, List<DataRecord> rows, Targets targets,
                                                              int[] rowIndices) {
        List<String> fields = task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).map(f -> f.name()).toList();
        return visitor -> {
            int r = 0;
            for (DataRecord row : rows) {
                for (String field : fields) {
                    String text = row.text(field);
                    if (text != null && !text.isBlank()) {
                        float[] target = new float[targets.width()];
                        targets.write(rowIndices[r], target, 0);
                        visitor.accept(text, target);
                    }
                }
                r++;
            }
        };
    }

    /** The tuned encoder's id, from the version's graph name ({@code <model>-v<version>}), as an encoder id. */
    static String tunedEncoderId(String graphName) {
        String id = ("ft-" + graphName.toLowerCase(java.util.Locale.ROOT)).replaceAll("[^a-z0-9-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    /** Token counts of the values of the task's text fields (missing ones skipped: they are not embedded), a batch at a time. */
    private int[] tokenCounts(String encoderId, TaskSpec task, List<DataRecord> rows) {
        List<String> fields = task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).map(f -> f.name()).toList();
        FeatureMatrix.IntList counts = new FeatureMatrix.IntList();
        List<String> batch = new ArrayList<>();
        long chars = 0;
        for (DataRecord row : rows) {
            for (String field : fields) {
                String text = row.text(field);
                if (text != null) {
                    batch.add(text);
                    chars += text.length();
                }
            }
            if (batch.size() >= FeatureMatrix.BATCH_ROWS || chars >= FeatureMatrix.BATCH_CHARS) {
                counts.addAll(encoders.tokenCounts(encoderId, batch));
                batch.clear();
                chars = 0;
            }
        }
        if (!batch.isEmpty()) {
            counts.addAll(encoders.tokenCounts(encoderId, batch));
        }
        return counts.toArray();
    }

    private static Map<String, Long> counts(Targets targets) {
        long[] counts = targets.counts();
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            map.put(targets.labels().get(i), counts[i]);
        }
        return map;
    }

    private static int[] sortedUnion(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        java.util.Arrays.sort(all);
        return all;
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
