package org.baihua.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.Precision;
import org.baihua.core.encoder.TunedEncoder;
import org.baihua.core.encoder.internal.PreparedModel;
import org.baihua.core.finetune.BertEncoder;
import org.baihua.core.finetune.BertWeights;
import org.baihua.core.finetune.EncoderExport;
import org.baihua.core.finetune.EncoderTrainingPlan;
import org.baihua.core.finetune.Examples;
import org.baihua.core.finetune.FineTuneOptions;
import org.baihua.core.finetune.FineTuneProgress;
import org.baihua.core.finetune.FineTuneResult;
import org.baihua.core.finetune.FineTuneTokenizer;
import org.baihua.core.finetune.FineTuner;
import org.baihua.core.finetune.OnnxBertGraph;
import org.baihua.core.finetune.ParityCheck;
import org.baihua.core.registry.JobProgress;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.EncoderTuning;
import org.baihua.core.training.TrainingFailedException;
import org.baihua.core.training.nn.MatrixOps;
import org.baihua.core.training.nn.OutputKind;

/**
 * The fine-tuning stage of a training job: checks that the Java encoder reproduces the shared
 * encoder's ONNX Runtime output (else the job fails with the figures), trains the encoder with a
 * linear head on the task's loss, writes the tuned encoder as an encoder directory and checks that
 * ONNX Runtime serves exactly the trained weights, before the rest of the job embeds with it.
 */
final class EncoderFineTuning {

    /** Texts the pre-training parity check compares (the 200). */
    static final int PARITY_TEXTS = 200;
    /** Texts the exported encoder is checked on. */
    static final int EXPORT_TEXTS = 64;
    /** Step events are persisted at most this often (the first and the last of a run always). */
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    /**
     * Texts with one target row each, handed to a visitor one at a time (read from the stored rows),
     * so that fine-tuning keeps their token ids, not the texts.
     */
    interface TextSource {
        void forEach(java.util.function.BiConsumer<String, float[]> visitor);
    }

    /** Token ids with their targets, and the first texts as they were (for the parity checks). */
    private record Tokenised(int[][] ids, float[][] targets, List<String> sample) {}

    /**
     * A tuned encoder, loaded in ONNX Runtime; the caller closes it.
     *
     * @param encoder the loaded encoder, its vectors cached by its model's hash
     * @param directory the encoder directory to store in the version's artifact
     * @param report what the lineage and metrics record: base encoder, mode, layers, steps, parity figures
     */
    record Tuned(TunedEncoder encoder, Path directory, Map<String, Object> report) implements AutoCloseable {
        @Override
        public void close() {
            encoder.close();
        }
    }

    private final EncoderCatalog encoders;

    EncoderFineTuning(EncoderCatalog encoders) {
        this.encoders = encoders;
    }

    /**
     * Fine-tunes encoder {@code baseId}.
     *
     * @param exportId the tuned encoder's id
     * @param directory where the tuned encoder is written (created)
     * @throws TrainingFailedException when the parity checks fail or the encoder cannot be fine-tuned
     * @throws org.baihua.core.training.TrainingCancelledException when cancelled
     */
    Tuned run(String baseId, TextSource train, TextSource validation, OutputKind output, EncoderTuning tuning, long seed, int threads,
              String exportId, Path directory, TrainingRun.Progress progress, CancellationToken cancel) {
        EncoderSpec base = encoders.spec(baseId);
        if (base.precision() != Precision.FP32) {
            throw new TrainingFailedException("cannot fine-tune encoder '" + baseId + "': it is " + base.precision().key()
                    + "; fine-tuning needs an fp32 encoder");
        }
        PreparedModel files = encoders.files(baseId);
        OnnxBertGraph graph;
        try {
            graph = OnnxBertGraph.read(files.modelFile(), base.pooling());
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingFailedException("cannot fine-tune encoder '" + baseId + "': " + e.getMessage());
        }
        try (MatrixOps ops = new MatrixOps(threads);
             FineTuneTokenizer tokenizer = new FineTuneTokenizer(files.tokenizerFile(), base.maxTokens())) {
            Tokenised trainTexts = tokenise(tokenizer, train, PARITY_TEXTS);
            Tokenised validationTexts = tokenise(tokenizer, validation, EXPORT_TEXTS);
            if (trainTexts.ids().length == 0) {
                throw new TrainingFailedException("no texts to fine-tune the encoder on: every text field of the training"
                        + " rows is empty");
            }
            progress.phase("parity");
            BertWeights weights = graph.weights();
            ParityCheck.Result before = ParityCheck.require(new BertEncoder(weights, ops), tokenizer,
                    encoders.get(baseId), trainTexts.sample());
            check(cancel);

            progress.phase("fine-tuning");
            int layers = tuning.trainableLayers(graph.config().layers());
            // the plugin-preference plan and the request share one mapping onto the engine's options
            FineTuneOptions options = EncoderTrainingPlan.options(tuning.toSdk(), graph.config().layers(),
                    profile(trainTexts), seed);
            if (tuning.mode() == EncoderTuning.Mode.FINE_TUNE) {
                options = options.withEpochs(tuning.epochsOrDefault(), Math.min(2, tuning.epochsOrDefault()));
            }
            // the token counts are known now: refuse before the frozen layers' outputs are cached rather than run out of heap
            TrainingMemory.check(TrainingMemory.fineTuning(tokens(trainTexts) + tokens(validationTexts),
                    Files.size(files.modelFile()), graph.config().hidden(), layers, layers < graph.config().layers(),
                    options.tokensPerBatch()), TrainingMemory::availableHeap,
                    "fine-tuning encoder '" + baseId + "' on " + (trainTexts.ids().length + validationTexts.ids().length) + " texts");
            Examples trainExamples = new Examples(trainTexts.ids(), trainTexts.targets());
            Examples validationExamples = new Examples(validationTexts.ids(), validationTexts.targets());
            FineTuneResult result = new FineTuner(ops).train(weights, trainExamples, validationExamples, output, options,
                    stepsTo(progress, options.maxEpochs()), cancel);
            check(cancel);

            progress.phase("exporting encoder");
            EncoderExport.Exported exported;
            try {
                exported = EncoderExport.write(graph, result.encoder(), base, files.tokenizerFile(), exportId, directory);
            } catch (IOException e) {
                throw new TrainingFailedException("cannot write the fine-tuned encoder to " + directory + ": " + e.getMessage());
            }
            TunedEncoder tuned = encoders.openTuned(exported.directory(), exported.modelSha256());
            ParityCheck.Result after;
            try {
                after = ParityCheck.compare(new BertEncoder(result.encoder(), ops), tokenizer, tuned.get(LongText.TRUNCATE),
                        validationTexts.sample(), 16);
                if (!after.passes(EncoderExport.REQUIRED)) {
                    throw new TrainingFailedException("the exported encoder '" + exportId + "' does not reproduce the"
                            + " trained weights in ONNX Runtime: cosine " + after.minimumCosine() + " on text "
                            + after.worstText() + " of " + after.texts() + ", " + EncoderExport.REQUIRED + " required");
                }
            } catch (RuntimeException e) {
                tuned.close();
                throw e;
            }
            return new Tuned(tuned, exported.directory(), report(baseId, layers, graph.config().layers(), options, result,
                    before, after, exported));
        } catch (IOException e) {
            throw new TrainingFailedException("cannot read the tokenizer of encoder '" + baseId + "': " + e.getMessage());
        }
    }

    private static Map<String, Object> report(String baseId, int layers, int totalLayers, FineTuneOptions options,
                                              FineTuneResult result, ParityCheck.Result before, ParityCheck.Result after,
                                              EncoderExport.Exported exported) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("baseEncoder", baseId);
        report.put("mode", options.mode());
        report.put("layers", layers);
        report.put("encoderLayers", totalLayers);
        report.put("encoderLearningRate", options.encoderLearningRate());
        report.put("steps", result.steps());
        report.put("tokens", result.tokens());
        report.put("epochsRun", result.epochs().size());
        report.put("bestEpoch", result.bestEpoch());
        report.put("validationAccuracy", result.bestMetric());
        report.put("history", result.epochs());
        report.put("cacheMillis", result.cacheMillis());
        report.put("trainMillis", result.trainMillis());
        report.put("parity", Map.of("texts", before.texts(), "minimumCosine", before.minimumCosine(),
                "meanCosine", before.meanCosine(), "required", ParityCheck.REQUIRED));
        report.put("exportParity", Map.of("texts", after.texts(), "minimumCosine", after.minimumCosine(),
                "meanCosine", after.meanCosine(), "required", EncoderExport.REQUIRED));
        report.put("encoderId", exported.spec().id());
        report.put("modelSha256", exported.modelSha256());
        return report;
    }

    /** Per-step job progress, persisted at most once a second (and at the first and the last step). */
    private static FineTuneProgress.Listener stepsTo(TrainingRun.Progress progress, int epochs) {
        long[] last = {0};
        return p -> {
            long now = System.nanoTime();
            if (p.step() == 1 || p.step() >= p.totalSteps() || now - last[0] >= PROGRESS_EVERY_NANOS) {
                last[0] = now;
                progress.epoch(new JobProgress("fine-tuning", Math.min(p.epoch(), epochs), epochs, p.loss(), null, p.step(),
                        p.totalSteps(), p.tokensPerSecond(), p.etaMillis() / 1000));
            }
        };
    }

    /** The training texts as the plan sees them: rows and texts per label (the target's hot positions). */
    private static org.baihua.sdk.DataProfile profile(Tokenised train) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (float[] target : train.targets()) {
            for (int j = 0; j < target.length; j++) {
                if (target[j] > 0.5f) {
                    counts.merge(Integer.toString(j), 1L, Long::sum);
                }
            }
        }
        return new org.baihua.sdk.DataProfile(train.ids().length, counts, 0);
    }

    /** Reads the texts once, keeping their token ids and the first {@code sampleSize} texts. */
    private static Tokenised tokenise(FineTuneTokenizer tokenizer, TextSource source, int sampleSize) {
        List<int[]> ids = new java.util.ArrayList<>();
        List<float[]> targets = new java.util.ArrayList<>();
        List<String> sample = new java.util.ArrayList<>();
        source.forEach((text, target) -> {
            ids.add(tokenizer.ids(text));
            targets.add(target);
            if (sample.size() < sampleSize) {
                sample.add(text);
            }
        });
        return new Tokenised(ids.toArray(int[][]::new), targets.toArray(float[][]::new), List.copyOf(sample));
    }

    private static long tokens(Tokenised texts) {
        long tokens = 0;
        for (int[] ids : texts.ids()) {
            tokens += ids.length;
        }
        return tokens;
    }

    private static void check(CancellationToken cancel) {
        if (cancel.isCancelled()) {
            throw new org.baihua.core.training.TrainingCancelledException(0, 0);
        }
    }
}
