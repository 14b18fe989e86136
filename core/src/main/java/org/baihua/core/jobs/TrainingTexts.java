package org.baihua.core.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.LongTextChoice;
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
 * What a training run ({@code TrainingRun}) feeds its encoder: every row's text fields after the
 * preprocessing fitted on the rows the run fits it on (by its split and cross-validation rule),
 * embedded under the long-text strategy it chooses. Batch embedding away from the host
 * ({@code org.baihua.spark.BatchEmbed}) plans with it, so that the vectors it stores are the ones
 * the run looks up in the embedding cache; {@code BatchEmbedTest} checks that a run after it embeds
 * nothing, so a change to the run's choices that this class does not follow fails there.
 */
public final class TrainingTexts {

    private TrainingTexts() {}

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

    /**
     * The rows a run fits its preprocessing on (and trains its head on): train, or train + validation
     * when the data is small enough to cross-validate, as {@code TrainingRun} decides it.
     */
    static int[] fittedRows(String dataset, TaskSpec task, List<DataRecord> rows, TrainingParams params,
                            ModelSelection.Settings selection) {
        List<String> labels = LabelReader.labelSet(task, rows, DataRecord.LABEL);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("data set '" + dataset + "' has " + labels.size()
                    + " label(s) " + labels + "; a classifier needs at least 2");
        }
        Targets targets = LabelReader.read(task, labels, rows, DataRecord.LABEL);
        StratifiedSplit split = StratifiedSplit.of(targets, params.validationSplit(), params.testSplit(), params.seed());
        int[] development = sortedUnion(split.train(), split.validation());
        boolean crossValidate = split.validation().length > 0 && selection.applies(targets.subset(development));
        return crossValidate ? development : split.train();
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
        // as the run does: the preprocessing fitted on the rows the head is trained on, then applied to every row
        List<DataRecord> train = pick(rows, fittedRows(dataset, task, rows, params, selection));
        PreprocessingChain chain = PreprocessingChain.fit(task, preprocessors, train);
        int p90 = LongTextSummary.p90(encoders.tokenCounts(encoderId, texts(task, chain.transform(train))));
        LongText strategy = LongTextChoice.choose(longText, task.id(), task.longText(), encoders.longTextSetting(), p90,
                encoders.spec(encoderId).maxTokens()).strategy();
        LinkedHashSet<String> distinct = new LinkedHashSet<>(texts(task, chain.transform(rows)));
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

    private static List<DataRecord> pick(List<DataRecord> rows, int[] indices) {
        List<DataRecord> picked = new ArrayList<>(indices.length);
        for (int i : indices) {
            picked.add(rows.get(i));
        }
        return picked;
    }
}
