package org.baihua.core.inference;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.baihua.core.BaihuaException;
import org.baihua.core.ConflictException;
import org.baihua.core.cluster.ClusterSignals;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;
import org.baihua.core.registry.Model;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.RegistryEvent;
import org.baihua.core.registry.RolloutStore;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm-up before traffic: a version is loaded and run on a few synthetic records before it serves,
 * so the first real request does not pay for loading sessions, encoders and caches. Promotion
 * waits for it (a version that cannot load is not promoted); the production versions are warmed in
 * the background at host start; a version promoted on another host is warmed when its notification
 * arrives, or at this host's next {@code cluster.poll-millis} poll when none does. A canary (the candidate
 * of a stored traffic split) is warmed before the split is stored, at host start, and on the other hosts when
 * the routing change reaches them (its notification, or the next poll); readiness waits for stored candidates
 * as for production versions, since they take a share of the traffic. {@link #readiness()} is what
 * {@code GET /api/v1/health/ready} reports.
 */
public final class Warmup implements AutoCloseable {

    /** Whether versions are warmed before they take traffic. */
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("serving.warm-up", true);
    /** How many synthetic records a warm-up runs. */
    public static final ConfigKey<Integer> RECORDS = ConfigKey.integer("serving.warm-up-records", 3, 1, 100);
    /** The keys of warm-up. */
    public static final List<ConfigKey<?>> KEYS = List.of(ENABLED, RECORDS);

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    /**
     * A production model that cannot serve.
     *
     * @param model the model
     * @param version its production version
     * @param reason {@code not serving: <reason>}
     */
    public record NotServing(String model, int version, String reason) {}

    /**
     * Whether the host is ready for traffic.
     *
     * @param ready true once every production version that can serve is warm
     * @param warming production versions still warming, as {@code model vN}
     * @param notServing production versions that cannot serve, with the reason; they do not hold readiness back
     */
    public record Readiness(boolean ready, List<String> warming, List<NotServing> notServing) {}

    private final Predictor predictor;
    private final ModelRegistry registry;
    private final boolean enabled;
    private final int records;
    private final ExecutorService executor;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final RolloutStore rollouts;
    private final ObjectMapper json;

    @Inject
    public Warmup(Predictor predictor, ModelRegistry registry, RolloutStore rollouts, ObjectMapper json, Settings settings,
                  ClusterSignals signals) {
        this.predictor = requireNonNull(predictor, "predictor is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.rollouts = requireNonNull(rollouts, "rollouts is null");
        this.json = requireNonNull(json, "json is null");
        this.enabled = settings.get(ENABLED);
        this.records = settings.get(RECORDS);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baihua-warm-up");
            t.setDaemon(true);
            return t;
        });
        registry.beforePromote(this::warmBeforePromote);
        // a rollback names its version only after it happened: warm it at once
        registry.events().subscribe(event -> {
            if (event.kind() == RegistryEvent.Kind.PROMOTED) {
                request(event.model(), event.version());
            }
        });
        if (enabled) {
            // a promote on another host reaches this one as PROMOTED above when its notification arrives; when
            // it is lost, the next poll sees the new production version (a warm one is not warmed again)
            ProductionChanges production = new ProductionChanges(registry::models, this::request);
            signals.poll(production::poll);
            // likewise a canary set on another host: the poll hands over the candidates that changed
            ProductionChanges candidates = new ProductionChanges(this::candidateModels, this::request);
            signals.poll(candidates::poll);
        }
    }

    /** Whether warm-up is on ({@code serving.warm-up}). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Warms a version now unless it is warm already; with warm-up off, does nothing.
     *
     * @throws BaihuaException when the version cannot load (UNAVAILABLE: not serving, with the reason)
     */
    public void warmNow(String model, int version) {
        if (enabled && !predictor.isWarm(model, version)) {
            long millis = predictor.warm(model, version, records);
            log.info("Model '{}' version {} warmed up in {} ms", model, version, millis);
        }
    }

    /** Warms a version in the background (once at a time per version); with warm-up off, does nothing. */
    public void request(String model, int version) {
        String key = model + "@" + version;
        if (!enabled || predictor.isWarm(model, version) || !pending.add(key)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    warmNow(model, version);
                } catch (RuntimeException e) {
                    log.warn("Warm-up of model '{}' version {} failed: {}", model, version, e.getMessage());
                } finally {
                    pending.remove(key);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.remove(key); // closing
        }
    }

    /** At host start: warms every production version and stored candidate in the background; readiness waits for them. */
    public void warmProduction() {
        try {
            executor.execute(() -> {
                try {
                    List<Model> all = new ArrayList<>(registry.models());
                    all.addAll(candidateModels());
                    for (Model m : all) {
                        if (m.productionVersion() != null) {
                            try {
                                warmNow(m.name(), m.productionVersion());
                            } catch (RuntimeException e) {
                                log.warn("Warm-up of model '{}' version {} failed: {}", m.name(), m.productionVersion(), e.getMessage());
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    log.warn("Warm-up of the production versions failed: {}", e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Warm-up skipped: closing");
        }
    }

    /**
     * Ready when every production version and stored candidate that can serve is warm; cold ones are warmed as a side
     * effect. A candidate that cannot serve is not reported (production answers its share).
     */
    public Readiness readiness() {
        List<String> warming = new ArrayList<>();
        List<NotServing> notServing = new ArrayList<>();
        for (Model m : registry.models()) {
            if (m.productionVersion() == null) {
                continue;
            }
            ModelVersion production = registry.version(m.name(), m.productionVersion());
            Optional<String> problem = predictor.servingProblem(production);
            if (problem.isPresent()) {
                notServing.add(new NotServing(m.name(), production.version(), "not serving: " + problem.get()));
            } else if (enabled && !predictor.isWarm(m.name(), production.version())) {
                warming.add(m.name() + " v" + production.version());
                request(m.name(), production.version());
            }
        }
        if (enabled) {
            for (Model candidate : candidateModels()) {
                try {
                    ModelVersion version = registry.version(candidate.name(), candidate.productionVersion());
                    if (predictor.servingProblem(version).isEmpty() && !predictor.isWarm(candidate.name(), version.version())) {
                        warming.add(candidate.name() + " v" + version.version() + " (candidate)");
                        request(candidate.name(), version.version());
                    }
                } catch (BaihuaException e) {
                    log.debug("Candidate of model '{}' is not checked for readiness: {}", candidate.name(), e.getMessage());
                }
            }
        }
        return new Readiness(warming.isEmpty(), warming, notServing);
    }

    /**
     * The stored canaries, each as a {@link Model} whose production version is the candidate (the shape the production
     * poll reads); a routing that cannot be read or names a version gone since is skipped.
     */
    private List<Model> candidateModels() {
        List<Model> candidates = new ArrayList<>();
        for (String[] row : rollouts.routings()) {
            try {
                Routing routing = json.readValue(row[1], Routing.class);
                if (routing.candidate() != null) {
                    Model model = registry.model(row[0]);
                    candidates.add(new Model(model.name(), model.domain(), model.task(), model.createdAt(), model.createdBy(),
                            routing.candidate().version(), model.latestVersion()));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | BaihuaException e) {
                log.debug("Routing of model '{}' has no candidate to warm: {}", row[0], e.getMessage());
            }
        }
        return candidates;
    }

    /** Synthetic records for a task: every input filled, texts of a few lengths (the encoder batches by length). */
    static List<Map<String, Object>> syntheticRecords(TaskSpec task, int count) {
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            for (FieldSpec field : task.inputs()) {
                record.put(field.name(), switch (field.type()) {
                    case TEXT -> "warm-up record " + i + " " + "with a few more words to encode ".repeat(1 << Math.min(i, 5)).trim();
                    case NUMERIC -> (double) i;
                    default -> "warm-up";
                });
            }
            out.add(record);
        }
        return out;
    }

    private void warmBeforePromote(String model, int version) {
        try {
            warmNow(model, version);
        } catch (BaihuaException e) {
            if (e.kind() == BaihuaException.Kind.UNAVAILABLE) {
                throw new ConflictException("Model '" + model + "' version " + version + " was not promoted: " + e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
