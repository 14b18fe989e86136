package org.baihua.core.inference;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.RecordShaper;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;

/**
 * Scores records with one model version exactly as {@code POST /predict} does (redaction, frozen
 * preprocessing, feature pipeline, head, decision policy), except that a record that cannot be
 * scored is answered with its reason instead of failing the whole call. Batch jobs on the host and
 * the baihua-spark executors score through this class. Thread-safe; close it when done.
 */
public final class VersionScorer implements AutoCloseable {

    /**
     * The outcome for one record: a prediction, or the reason it was rejected.
     *
     * @param prediction the prediction, null when rejected
     * @param rejected why the record was not scored, null when scored
     */
    public record Outcome(Prediction prediction, String rejected) {}

    private final LoadedVersion version;
    private final List<Contribution<Redactor>> redactors;
    private final FieldMapping mapping;
    private final RecordShaper shaper;
    private final Explainer explainer = new Explainer();
    private final Runnable onClose;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    VersionScorer(LoadedVersion version, DomainExtensions extensions, String mapping, Runnable onClose) {
        this.version = requireNonNull(version, "version is null");
        this.redactors = extensions.redactors(version.bundle.domain());
        FieldMapping fields;
        try {
            fields = FieldMapping.parse(version.task, mapping, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("mapping", e.getMessage());
        }
        this.mapping = fields;
        this.shaper = new RecordShaper(version.task, fields);
        this.onClose = onClose;
    }

    /**
     * Loads a version from its exported artifact parts (the {@code pipeline.json} and {@code head.onnx}
     * of a version's artifact) against the plugins and encoders given: what a Spark executor does once.
     *
     * @param owner how errors name the version, e.g. "Model 'credit' version 3"
     * @param pluginId the plugin the version was trained with (its lineage)
     * @param pluginVersion that plugin's version
     * @param encoderDirectory the version's fine-tuned encoder (files checked by the caller), or null
     * @param encoderModelSha256 SHA-256 of that encoder's {@code model.onnx}, or null
     * @param mapping the mapping of the task's fields onto the input's columns, or null
     */
    public static VersionScorer load(String owner, String pluginId, String pluginVersion, byte[] pipelineJson, byte[] headOnnx,
                                     java.nio.file.Path encoderDirectory, String encoderModelSha256,
                                     String mapping, ObjectMapper json, DomainCatalog domains, DomainExtensions extensions,
                                     EncoderCatalog encoders) {
        LoadedVersion loaded = LoadedVersion.load(owner, null, new org.baihua.core.plugin.PluginPin(pluginId, pluginVersion), pipelineJson,
                headOnnx, encoderDirectory, encoderModelSha256, json,
                domains, extensions, encoders);
        loaded.acquire();
        try {
            return new VersionScorer(loaded, extensions, mapping, () -> {
                loaded.release();
                loaded.retire();
            });
        } catch (RuntimeException e) {
            loaded.release();
            loaded.retire();
            throw e;
        }
    }

    /** The labels, in the order of the probabilities. */
    public List<String> labels() {
        return version.bundle.labels();
    }

    /** The task's kind (a multilabel prediction has {@code labels}, the others a {@code label}). */
    public TaskKind kind() {
        return version.bundle.kind();
    }

    /** The task the version answers (its fields, as its plugin version defines them). */
    public TaskSpec task() {
        return version.task;
    }

    /** The version number, or 0 for a version loaded from its artifact parts. */
    public int versionNumber() {
        return version.version == null ? 0 : version.version.version();
    }

    /**
     * Scores {@code records} in one pass through the pipeline and the head; the outcomes are in the same
     * order. A record the shaping, redaction or preprocessing refuses is rejected with its reason.
     */
    public List<Outcome> score(List<DataRecord> records, boolean explain) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        List<DataRecord> prepared = new ArrayList<>(records.size());
        List<DataRecord> shaped = new ArrayList<>(records.size());
        List<Integer> positions = new ArrayList<>(records.size());
        for (DataRecord record : records) {
            Preparation.Prepared p;
            try {
                // the predict route's type check: a number in a TEXT field would be embedded as its digits
                InputCheck.types(version.task, record.values(), 0);
                p = Preparation.prepare(version, shaper, mapping, redactors, record);
            } catch (InvalidRequestException e) {
                p = new Preparation.Prepared(null, new Preparation.Rejection(e.getMessage().replaceFirst("^records\\[0\\]\\.", ""), ": ", false));
            } catch (RuntimeException e) {
                p = new Preparation.Prepared(null, new Preparation.Rejection("cannot be prepared: " + e.getMessage(), ": ", false));
            }
            if (p.rejection() != null) {
                Preparation.Rejection r = p.rejection();
                outcomes.add(new Outcome(null, (r.join().equals(" ") ? "record " + r.reason() : r.reason())
                        + (r.shaping() ? InputCheck.missingHint(version.task, record.values()) : "")));
            } else {
                outcomes.add(null);
                prepared.add(p.record());
                shaped.add(p.shaped());
                positions.add(outcomes.size() - 1);
            }
        }
        if (!prepared.isEmpty()) {
            float[][] probabilities = version.head.probabilities(version.pipeline.transform(prepared));
            for (int i = 0; i < prepared.size(); i++) {
                // words as the file has them (mapped onto the task's fields), as predict shows the caller's
                Prediction.Explanation explanation = explain
                        ? explainer.explain(version, prepared.get(i), probabilities[i], shaped.get(i).values()) : null;
                outcomes.set(positions.get(i), new Outcome(Predictor.decide(version, probabilities[i], explanation), null));
            }
        }
        return outcomes;
    }

    @Override
    public void close() {
        if (onClose != null && closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }
}
