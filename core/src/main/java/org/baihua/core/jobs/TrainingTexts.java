package org.baihua.core.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.LongTextSummary;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.training.TrainingParams;
import org.baihua.core.training.data.LabelReader;
import org.baihua.core.training.data.StratifiedSplit;
import org.baihua.core.training.data.Targets;
import org.baihua.core.training.selection.ModelSelection;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.Preprocessor;
import org.baihua.sdk.TaskSpec;

/**
 * What a training run feeds its encoder, computed by the code the run itself uses: the split, the
 * preprocessing chain fitted on the rows the run fits it on, and the long-text strategy. Batch
 * embedding away from the host ({@code org.baihua.spark.BatchEmbed}) plans with it, so that the
 * vectors it stores are exactly the ones the run looks up in the embedding cache.
 */
public final class TrainingTexts {

    private TrainingTexts() {}

    /**
     * A data set split and preprocessed as a training run does it.
     *
     * @param fitted the rows the preprocessing was fitted on and the head is trained on (train, or train +
     *     validation when cross-validating)
     * @param validationP the preprocessed validation rows; empty when cross-validating
     */
    record Prepared(List<String> labels, Targets targets, StratifiedSplit split, boolean crossValidate, int[] fitted,
                    List<DataRecord> train, PreprocessingChain chain, List<DataRecord> trainP, List<DataRecord> validationP,
                    List<DataRecord> testP) {}

    /**
     * What a frozen-encoder training run embeds.
     *
     * @param encoderId the encoder
     * @param strategy its long-text strategy (part of the cache key)
     * @param texts every distinct text the run embeds, in first-seen order
     * @param rows the data set's rows
     */
    public record Plan(String encoderId, LongText strategy, List<String> texts, int rows) {

        public Plan {
            Objects.requireNonNull(encoderId, "encoderId is null");
            Objects.requireNonNull(strategy, "strategy is null");
            texts = List.copyOf(texts);
        }
    }

    /** Splits {@code rows} and fits and applies the preprocessing, as {@code TrainingRun} does. */
    static Prepared prepare(String dataset, TaskSpec task, List<Contribution<Preprocessor>> preprocessors, List<DataRecord> rows,
                            TrainingParams params, ModelSelection.Settings selection) {
        List<String> labels = LabelReader.labelSet(task, rows, DataRecord.LABEL);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("data set '" + dataset + "' has " + labels.size()
                    + " label(s) " + labels + "; a classifier needs at least 2");
        }
        Targets targets = LabelReader.read(task, labels, rows, DataRecord.LABEL);
        StratifiedSplit split = StratifiedSplit.of(targets, params.validationSplit(), params.testSplit(), params.seed());
        // small data: cross-validate on train + validation and refit on all of it, so fit the preprocessing there
        int[] development = sortedUnion(split.train(), split.validation());
        boolean crossValidate = split.validation().length > 0 && selection.applies(targets.subset(development));
        int[] fitted = crossValidate ? development : split.train();
        List<DataRecord> train = pick(rows, fitted);
        PreprocessingChain chain = PreprocessingChain.fit(task, preprocessors, train);
        List<DataRecord> trainP = chain.transform(train);
        List<DataRecord> validationP = crossValidate ? List.of() : chain.transform(pick(rows, split.validation()));
        List<DataRecord> testP = chain.transform(pick(rows, split.test()));
        return new Prepared(labels, targets, split, crossValidate, fitted, train, chain, trainP, validationP, testP);
    }

    /** The strategy a run uses: the one requested, else chunk when the 90th percentile training text does not fit. */
    static LongText strategy(String requested, int p90, EncoderSpec encoder) {
        return requested != null ? LongText.parse(requested) : LongTextSummary.defaultStrategy(p90, encoder.maxTokens());
    }

    /**
     * Plans the embedding of a training run with a frozen encoder: the texts it will look up and the
     * cache namespace (encoder and long-text strategy) it will look them up under.
     *
     * @param encoderId the encoder the run will use (see {@link EncoderChoice})
     * @param longText the requested long-text strategy, or null to choose it as the run does
     * @param selection the host's cross-validation settings (they decide which rows the preprocessing is fitted on)
     * @throws IllegalArgumentException if the task has no text field or the data set has fewer than 2 labels
     */
    public static Plan plan(String dataset, TaskSpec task, List<Contribution<Preprocessor>> preprocessors, List<DataRecord> rows,
                            TrainingParams params, String encoderId, String longText, EncoderCatalog encoders,
                            ModelSelection.Settings selection) {
        if (task.inputs().stream().noneMatch(f -> f.type() == FieldType.TEXT)) {
            throw new IllegalArgumentException("task '" + task.id() + "' has no text field: there is nothing to embed");
        }
        Prepared prepared = prepare(dataset, task, preprocessors, rows, params, selection);
        int p90 = LongTextSummary.p90(encoders.tokenCounts(encoderId, texts(task, prepared.trainP())));
        LongText strategy = strategy(longText, p90, encoders.spec(encoderId));
        LinkedHashSet<String> distinct = new LinkedHashSet<>(texts(task, prepared.trainP()));
        distinct.addAll(texts(task, prepared.validationP()));
        distinct.addAll(texts(task, prepared.testP()));
        return new Plan(encoderId, strategy, new ArrayList<>(distinct), rows.size());
    }

    /** The values of the task's text fields, row by row, missing ones skipped (they are not embedded). */
    static List<String> texts(TaskSpec task, List<DataRecord> rows) {
        List<String> texts = new ArrayList<>();
        for (var field : task.inputs()) {
            if (field.type() == FieldType.TEXT) {
                for (DataRecord row : rows) {
                    String text = row.text(field.name());
                    if (text != null) {
                        texts.add(text);
                    }
                }
            }
        }
        return texts;
    }

    private static int[] sortedUnion(int[] a, int[] b) {
        int[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        java.util.Arrays.sort(all);
        return all;
    }

    static List<DataRecord> pick(List<DataRecord> rows, int[] indices) {
        List<DataRecord> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(rows.get(i));
        }
        return picked;
    }
}
