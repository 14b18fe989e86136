package org.baihua.core.inference;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.baihua.core.OverloadedException;
import org.baihua.core.config.LimitsConfig;
import org.baihua.core.internal.RequestScope;
import org.baihua.formats.FieldMapping;
import org.baihua.formats.RecordShaper;
import org.baihua.core.drift.DriftMonitor;
import org.baihua.core.drift.ReferenceProfile;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.plugin.Contribution;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginHost;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.registry.ArtifactBundle;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.VersionState;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.Redactor;

/**
 * Serves predictions: the production version of a model (or a named one) runs the domain's
 * redaction, the version's frozen preprocessing and feature pipeline, its ONNX head and its
 * decision policy. Loaded versions are cached; a promote needs no reload and fails no request,
 * since the previous version stays valid until it is archived, deleted or its plugin removed.
 */
public final class Predictor implements AutoCloseable {

    /** Most records one call may carry. */
    public static final int MAX_RECORDS = 1_000;

    private final ModelRegistry registry;
    private final DomainCatalog domains;
    private final DomainExtensions extensions;
    private final EncoderCatalog encoders;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Explainer explainer = new Explainer();
    private final Map<String, LoadedVersion> loaded = new ConcurrentHashMap<>();
    /** Why a version could not be loaded the last time it was tried, until a load succeeds. */
    private final Map<String, String> loadFailures = new ConcurrentHashMap<>();
    private final LimitsConfig limits;
    private final PluginHost plugins;
    private final DriftMonitor drift;
    /** Bundles read from artifacts for the drift page, when their version is not loaded (read once, not for serving). */
    private final Map<String, ModelBundle> storedBundles = new ConcurrentHashMap<>();
    /** Counts plugin removals, so a version that loaded while its plugin left service is caught (see acquire). */
    private final java.util.concurrent.atomic.AtomicLong pluginRemovals = new java.util.concurrent.atomic.AtomicLong();
    /** Records being worked on over all calls: bounds the memory of many large concurrent calls. */
    private final Semaphore inflight;

    @Inject
    public Predictor(ModelRegistry registry, DomainCatalog domains, DomainExtensions extensions, EncoderCatalog encoders,
                     ObjectMapper json, MeterRegistry meters, PluginHost plugins, LimitsConfig limits, DriftMonitor drift) {
        this.drift = requireNonNull(drift, "drift is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.inflight = new Semaphore(limits.maxInflightRecords(), true);
        meters.gauge("baihua.predict.inflight.records", inflight, s -> limits.maxInflightRecords() - s.availablePermits());
        this.registry = requireNonNull(registry, "registry is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.extensions = requireNonNull(extensions, "extensions is null");
        this.encoders = requireNonNull(encoders, "encoders is null");
        this.json = requireNonNull(json, "json is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        plugins.onRemoval(this::retirePlugin);
        meters.gauge("baihua.predictor.loaded.versions", loaded, Map::size);
        meters.gauge("baihua.encoder.tuned.loaded", encoders, EncoderCatalog::tunedEncodersOpen);
        // whoever archives or deletes a version (REST, CLI, a test), its session goes
        registry.events().subscribe(event -> {
            if (event.kind().retires()) {
                retire(event.model(), event.version());
            }
        });
    }

    /**
     * Predicts labels for {@code records}.
     *
     * @param version a version to use, or null for the production version
     * @throws BaihuaException NOT_FOUND (model, version), CONFLICT (no production version, version not READY),
     *     BAD_REQUEST (a record at fault, by index), UNAVAILABLE (the model's plugin is missing or changed)
     */
    public PredictionResult predict(String model, Integer version, List<Map<String, Object>> records, boolean explain) {
        if (records == null || records.isEmpty()) {
            throw new InvalidRequestException("records", "records is empty: send at least one record");
        }
        if (records.size() > MAX_RECORDS) {
            throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "records has " + records.size() + " entries; at most "
                    + MAX_RECORDS + " per call");
        }
        if (explain && records.size() > limits.maxExplainRecords()) {
            throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "explain is limited to " + limits.maxExplainRecords()
                    + " records per call (each costs one encoder pass per occluded word), this call has " + records.size()
                    + " (config key " + LimitsConfig.MAX_EXPLAIN_RECORDS + ")");
        }
        checkTextLengths(records);
        ModelVersion target = version == null
                ? registry.production(model).orElseThrow(() -> new ConflictException("Model '" + model
                        + "' has no production version: promote one, or name a version with ?version="))
                : registry.version(model, version);
        if (target.state() != VersionState.READY) {
            throw new ConflictException("Model '" + model + "' version " + target.version() + " is " + target.state()
                    + ", not READY");
        }
        int permits = Math.min(records.size(), limits.maxInflightRecords());
        acquireInflight(permits);
        try {
            LoadedVersion serving = acquire(target);
            try {
                List<Prediction> predictions = run(serving, records, explain, true);
                meters.counter("baihua.predictions", "model", model, "version", Integer.toString(target.version()))
                        .increment(records.size());
                return new PredictionResult(model, target.version(), predictions, InputCheck.warnings(serving.task, records));
            } finally {
                serving.release();
            }
        } finally {
            inflight.release(permits);
        }
    }

    private void checkTextLengths(List<Map<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (record == null) {
                continue;
            }
            for (Map.Entry<String, Object> field : record.entrySet()) {
                if (field.getValue() instanceof String text && text.length() > limits.maxTextChars()) {
                    String name = "records[" + i + "]." + field.getKey();
                    throw new InvalidRequestException(name, Kind.PAYLOAD_TOO_LARGE, "field '" + name + "' has " + text.length()
                            + " characters; at most " + limits.maxTextChars() + " (config key " + LimitsConfig.MAX_TEXT_CHARS + ")");
                }
            }
        }
    }

    /** Waits for room among the in-flight records, at most until the request's deadline. */
    private void acquireInflight(int permits) {
        if (inflight.tryAcquire(permits)) {
            return;
        }
        try {
            // Waiting is bounded well below the deadline so the caller hears "busy" and can retry.
            long waitMillis = Math.min(limits.requestTimeoutMillis() / 2, 10_000);
            if (!inflight.tryAcquire(permits, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new OverloadedException("More than " + limits.maxInflightRecords() + " predict records are in flight (config key "
                        + LimitsConfig.MAX_INFLIGHT_RECORDS + "); try again shortly", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaihuaException(Kind.UNAVAILABLE, "Interrupted while waiting for room among the records in flight", e);
        }
    }

    /**
     * A scorer over the production version of {@code model} (or {@code version}) for a batch job: it
     * holds the loaded version until closed, so an archive meanwhile lets the job finish.
     *
     * @param mapping the user's mapping of the task's fields onto the input's columns, or null
     * @throws BaihuaException as {@link #predict} for the model and version
     */
    public VersionScorer scorer(String model, Integer version, String mapping) {
        ModelVersion target = version == null
                ? registry.production(model).orElseThrow(() -> new ConflictException("Model '" + model
                        + "' has no production version: promote one, or name a version with ?version="))
                : registry.version(model, version);
        if (target.state() != VersionState.READY) {
            throw new ConflictException("Model '" + model + "' version " + target.version() + " is " + target.state()
                    + ", not READY");
        }
        LoadedVersion serving = acquire(target);
        try {
            return new VersionScorer(serving, extensions, mapping, serving::release);
        } catch (RuntimeException e) {
            serving.release();
            throw e;
        }
    }

    /**
     * A version's drift profile and labels: from its loaded bundle, else read from its artifact (the
     * version is not loaded for this, so a version that cannot serve still shows its profile).
     *
     * @return the profile, empty for a version trained before profiles existed
     */
    public java.util.Optional<ReferenceProfile> referenceProfile(ModelVersion version) {
        return java.util.Optional.ofNullable(bundle(version).reference());
    }

    /** A version's labels in output order, from its loaded or stored bundle. */
    public List<String> labels(ModelVersion version) {
        return bundle(version).labels();
    }

    private ModelBundle bundle(ModelVersion version) {
        String key = key(version.model(), version.version());
        LoadedVersion v = loaded.get(key);
        return v != null ? v.bundle : storedBundles.computeIfAbsent(key, k -> readBundle(version));
    }

    private ModelBundle readBundle(ModelVersion version) {
        try {
            return json.readValue(registry.artifact(version.model(), version.version()).pipelineJson(), ModelBundle.class);
        } catch (java.io.IOException e) {
            throw new BaihuaException(Kind.INTERNAL, "Model '" + version.model() + "' version " + version.version()
                    + " has an unreadable pipeline.json: " + e.getMessage(), e);
        }
    }

    /** Drops a version's loaded session (after archive or delete); requests using it finish first. */
    public void retire(String model, int version) {
        storedBundles.remove(key(model, version));
        drift.forget(model, version);
        LoadedVersion gone = loaded.remove(key(model, version));
        if (gone != null) {
            gone.retire();
        }
    }

    private void retirePlugin(PluginPin pin) {
        pluginRemovals.incrementAndGet();
        loaded.values().removeIf(v -> {
            if (v.pin.equals(pin)) {
                v.retire();
                return true;
            }
            return false;
        });
    }

    /** @param observe whether the records may be sampled for drift (not warm-up's synthetic ones) */
    private List<Prediction> run(LoadedVersion v, List<Map<String, Object>> records, boolean explain, boolean observe) {
        FieldMapping mapping = FieldMapping.parse(v.task, null, null);
        RecordShaper shaper = new RecordShaper(v.task, mapping);
        List<Contribution<Redactor>> redactors = extensions.redactors(v.bundle.domain(), v.pin);
        List<DataRecord> prepared = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            prepared.add(prepare(v, shaper, mapping, redactors, records.get(i), i));
        }
        RequestScope scope = RequestScope.current();
        float[][] features = v.pipeline.transform(prepared);
        float[][] probabilities = v.head.probabilities(features);
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < prepared.size(); i++) {
            scope.check();
            Prediction.Explanation explanation = explain ? explainer.explain(v, prepared.get(i), probabilities[i], records.get(i)) : null;
            predictions.add(decide(v, probabilities[i], explanation));
        }
        if (observe && v.version != null && v.bundle.reference() != null && drift.sampling()) {
            List<List<String>> decided = new ArrayList<>(predictions.size());
            for (Prediction p : predictions) {
                decided.add(p.label() != null ? List.of(p.label()) : p.labels() == null ? List.of() : p.labels());
            }
            drift.observe(v.version.model(), v.version.version(), v.bundle.reference(), v.bundle.labels(), prepared, features, decided);
        }
        return predictions;
    }

    private static DataRecord prepare(LoadedVersion v, RecordShaper shaper, FieldMapping mapping, List<Contribution<Redactor>> redactors,
                                      Map<String, Object> raw, int index) {
        if (raw == null) {
            throw new InvalidRequestException("records[" + index + "]", "records[" + index + "] is null");
        }
        if (v.task.inputs().stream().noneMatch(f -> raw.get(f.name()) != null)) {
            throw new InvalidRequestException("records[" + index + "]", "records[" + index + "] has none of the input fields of task '"
                    + v.task.id() + "': " + v.task.inputs().stream().map(org.baihua.sdk.FieldSpec::name).toList()
                    + (InputCheck.unknown(v.task, raw).isEmpty() ? (raw.isEmpty() ? "" : "; it has " + raw.keySet())
                            : InputCheck.missingHint(v.task, raw)));
        }
        InputCheck.types(v.task, raw, index);
        DataRecord record;
        try {
            Map<String, Object> values = new LinkedHashMap<>();
            raw.forEach((k, value) -> values.put(k, value instanceof Boolean b ? b.toString() : value));
            record = new DataRecord(index + 1L, values);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("records[" + index + "]", "records[" + index + "]: " + e.getMessage());
        }
        Preparation.Prepared prepared = Preparation.prepare(v, shaper, mapping, redactors, record);
        if (prepared.rejection() != null) {
            throw new InvalidRequestException("records[" + index + "]", "records[" + index + "]" + prepared.rejection().join()
                    + prepared.rejection().reason() + (prepared.rejection().shaping() ? InputCheck.missingHint(v.task, raw) : ""));
        }
        return prepared.record();
    }

    static Prediction decide(LoadedVersion v, float[] p, Prediction.Explanation explanation) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int j = 0; j < p.length; j++) {
            probabilities.put(v.bundle.labels().get(j), (double) p[j]);
        }
        List<String> decided = v.decisions.labels(p);
        return v.bundle.kind() == org.baihua.sdk.TaskKind.MULTILABEL
                ? new Prediction(null, decided, probabilities, explanation)
                : new Prediction(decided.isEmpty() ? null : decided.get(0), null, probabilities, explanation);
    }

    private LoadedVersion acquire(ModelVersion target) {
        String key = key(target.model(), target.version());
        while (true) {
            LoadedVersion v;
            long removalsBefore = pluginRemovals.get();
            try {
                v = loaded.computeIfAbsent(key, k -> load(target));
            } catch (RuntimeException e) {
                loadFailures.put(key, e.getMessage() == null ? e.toString() : e.getMessage());
                throw e;
            }
            loadFailures.remove(key);
            if (pluginRemovals.get() != removalsBefore && !plugins.ensureLoaded(v.pin)) {
                // Its plugin left service while it loaded, before the removal could see it in the map:
                // drop it, and the next round refuses with the reason.
                loaded.remove(key, v);
                v.retire();
                continue;
            }
            if (v.acquire()) {
                return v;
            }
        }
    }

    /**
     * Loads a READY version and runs it on {@code records} synthetic records (every input field
     * filled, texts of several lengths), so that sessions, encoders and caches are ready before real
     * traffic arrives. A synthetic record the version's preprocessing refuses does not fail the warm-up;
     * a version that cannot load does.
     *
     * @return how long it took, in milliseconds
     * @throws BaihuaException UNAVAILABLE (not serving: the reason), NOT_FOUND, CONFLICT (not READY)
     */
    public long warm(String model, int version, int records) {
        long start = System.nanoTime();
        ModelVersion target = registry.version(model, version);
        if (target.state() != VersionState.READY) {
            throw new ConflictException("Model '" + model + "' version " + version + " is " + target.state() + ", not READY");
        }
        LoadedVersion serving = acquire(target);
        try {
            List<Map<String, Object>> synthetic = Warmup.syntheticRecords(serving.task, records);
            try {
                run(serving, synthetic, false, false);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Predictor.class).debug("Warm-up records of model '{}' version {} were refused: {}",
                        model, version, e.getMessage());
            }
            serving.warm = true;
        } finally {
            serving.release();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Whether a version is loaded and has run its warm-up. */
    public boolean isWarm(String model, int version) {
        LoadedVersion v = loaded.get(key(model, version));
        return v != null && v.warm;
    }

    /**
     * Why a READY version cannot serve now ("plugin 'finance' version 1.0.0 is not installed", or the
     * reason its last load failed), or empty when nothing is known to stop it. Cheap: loads nothing.
     */
    public java.util.Optional<String> servingProblem(ModelVersion version) {
        if (version.state() != VersionState.READY) {
            return java.util.Optional.empty();
        }
        String key = key(version.model(), version.version());
        if (loaded.containsKey(key)) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> plugin = plugins.unavailable(
                new PluginPin(version.lineage().pluginId(), version.lineage().pluginVersion()));
        if (plugin.isPresent()) {
            return plugin;
        }
        String failed = loadFailures.get(key);
        if (failed == null) {
            return java.util.Optional.empty();
        }
        String prefix = "Model '" + version.model() + "' version " + version.version() + " is not serving: ";
        return java.util.Optional.of(failed.startsWith(prefix) ? failed.substring(prefix.length()) : failed);
    }

    private LoadedVersion load(ModelVersion target) {
        String owner = "Model '" + target.model() + "' version " + target.version();
        ArtifactBundle artifact = registry.artifact(target.model(), target.version());
        // The version serves with the plugin version it was trained with, beside any newer one.
        PluginPin pin = new PluginPin(target.lineage().pluginId(), target.lineage().pluginVersion());
        if (!plugins.ensureLoaded(pin)) {
            throw new BaihuaException(Kind.UNAVAILABLE, owner + " is not serving: " + plugins.unavailable(pin)
                    .orElse("plugin '" + pin.pluginId() + "' version " + pin.version() + " is not started")
                    + "; install that version again or retrain (baihua models retrain " + target.model() + ")");
        }
        return LoadedVersion.load(owner, target, pin, artifact.pipelineJson(), artifact.headOnnx(), artifact.encoderDirectory(),
                artifact.encoderModelSha256(), json, domains, extensions, encoders);
    }

    private static String key(String model, int version) {
        return model + "@" + version;
    }

    @Override
    public void close() {
        loaded.values().forEach(LoadedVersion::retire);
        loaded.clear();
    }
}
