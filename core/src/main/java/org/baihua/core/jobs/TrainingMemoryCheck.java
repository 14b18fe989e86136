package org.baihua.core.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.finetune.FineTuneOptions;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.RowCursor;
import org.baihua.core.training.EncoderTuning;
import org.baihua.core.training.TrainingParams;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;

/**
 * The memory check before a job is queued ({@link TrainingMemory}): with the narrowest feature
 * width the task can have (a categorical field's vocabulary is only known once fitted), and for
 * fine-tuning the token count the first {@link #SAMPLE_ROWS} rows suggest. A refusal here is
 * certain for the features; the job checks again with exact figures once it knows them.
 */
final class TrainingMemoryCheck {

    /** Rows read at submission to estimate the tokens per text for fine-tuning. */
    static final int SAMPLE_ROWS = 200;
    /** Encoder layers assumed when the request trains all of them (the graph is read only by the job): BERT-small and -base have 12. */
    static final int ASSUMED_LAYERS = 12;

    private final DatasetStore datasets;
    private final EncoderCatalog encoders;

    TrainingMemoryCheck(DatasetStore datasets, EncoderCatalog encoders) {
        this.datasets = datasets;
        this.encoders = encoders;
    }

    /**
     * Refuses (422) a job whose least memory exceeds the heap available.
     *
     * @param encoderId the encoder of a task with text fields, else null
     */
    void beforeQueueing(TaskSpec task, DatasetInfo dataset, String encoderId, TrainingParams params, long headParameters) {
        EncoderSpec encoder = encoderId == null ? null : encoders.spec(encoderId);
        long width = 0;
        for (FieldSpec field : task.inputs()) {
            width += switch (field.type()) {
                case TEXT -> encoder.dimensions();
                case NUMERIC -> 2;
                case CATEGORICAL -> 3; // one value, 'other', 'missing' at least
            };
        }
        long outputs = task.labelsFromData() ? Math.max(2, dataset.labelCounts().size()) : task.labels().size();
        long needed = TrainingMemory.estimate(dataset.rows(), width, outputs, headParameters);
        String what = "data set '" + dataset.id() + "' (" + dataset.rows() + " rows, at least " + width + " features)";
        EncoderTuning tuning = params.encoder();
        if (encoder != null && tuning.trainsEncoder()) {
            long texts = dataset.rows() * task.inputs().stream().filter(f -> f.type() == FieldType.TEXT).count();
            long tokens = Math.round(texts * meanTokens(dataset.id(), task, encoder));
            int layers = tuning.trainableLayers(ASSUMED_LAYERS);
            needed += TrainingMemory.fineTuning(tokens, modelBytes(encoderId), encoder.dimensions(), layers, layers < ASSUMED_LAYERS,
                    FineTuneOptions.defaults(1, params.seed()).tokensPerBatch());
            what += " with encoder '" + encoderId + "' fine-tuned on about " + tokens + " tokens";
        }
        TrainingMemory.check(needed, TrainingMemory::availableHeap, what);
    }

    /** Tokens per text (at most the encoder's window) over the texts of the first rows. */
    private double meanTokens(String datasetId, TaskSpec task, EncoderSpec encoder) {
        List<String> texts = new ArrayList<>();
        try (RowCursor rows = datasets.openRows(datasetId)) {
            for (int r = 0; r < SAMPLE_ROWS && rows.hasNext(); r++) {
                DataRecord row = rows.next();
                for (FieldSpec field : task.inputs()) {
                    String text = field.type() == FieldType.TEXT ? row.text(field.name()) : null;
                    if (text != null) {
                        texts.add(text);
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            return 0;
        }
        long tokens = 0;
        for (int count : encoders.tokenCounts(encoder.id(), texts)) {
            tokens += Math.min(count, encoder.maxTokens());
        }
        return (double) tokens / texts.size();
    }

    private long modelBytes(String encoderId) {
        try {
            return Files.size(encoders.files(encoderId).modelFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the size of encoder '" + encoderId + "''s model file", e);
        }
    }
}
