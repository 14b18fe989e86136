package org.baihua.core.jobs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.Comparator;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.Lineage;
import org.baihua.core.registry.Model;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.UpgradeHistory;
import org.baihua.core.registry.VersionState;
import org.baihua.core.training.TrainingParams;

/**
 * Trains a new version of a model with the data set and settings of an earlier one, on another
 * plugin version (by default the current one): the step after installing a plugin upgrade. The model's history
 * records it (RETRAINED, with the plugin version before and after).
 */
public final class Retraining {

    private final ModelRegistry registry;
    private final TrainingJobs jobs;
    private final ObjectMapper lenient;
    private final UpgradeHistory history;

    @Inject
    public Retraining(ModelRegistry registry, TrainingJobs jobs, ObjectMapper mapper, UpgradeHistory history) {
        this.registry = requireNonNull(registry, "registry is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.history = requireNonNull(history, "history is null");
        // lineages of older hosts may record parameters this one no longer has
        this.lenient = requireNonNull(mapper, "mapper is null").copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * Queues a retraining of {@code model}.
     *
     * @param fromVersion the version whose data set and settings to repeat; null: the production version, else the newest READY one
     * @param pluginVersion the plugin version to train with; null: the current (newest started) one
     */
    public JobStore.QueuedTraining retrain(String model, Integer fromVersion, String pluginVersion, String caller) {
        Model m = registry.model(model);
        ModelVersion source = fromVersion != null ? registry.version(model, fromVersion)
                : registry.production(model).orElseGet(() -> registry.versions(model).stream()
                        .filter(v -> v.state() == VersionState.READY).max(Comparator.comparingInt(ModelVersion::version))
                        .orElseThrow(() -> new ConflictException("Model '" + model + "' has no READY version to retrain from")));
        Lineage lineage = source.lineage();
        TrainingParams params;
        try {
            params = lenient.convertValue(lineage.training(), TrainingParams.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("fromVersion", "Model '" + model + "' version " + source.version()
                    + " has training parameters this host cannot read again: " + e.getMessage());
        }
        String encoder = "none".equals(lineage.encoderId()) ? null : lineage.encoderId();
        TrainingSpec spec = new TrainingSpec(model, m.domain(), m.task(), lineage.datasetId(), lineage.head(), params, encoder);
        JobStore.QueuedTraining queued = jobs.submit(spec, pluginVersion, caller);
        history.retrained(caller, source, queued.version());
        return queued;
    }
}
