package org.baihua.core.inference;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.baihua.core.BaihuaException;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.cluster.ClusterSignals;
import org.baihua.core.config.ConfigKey;
import org.baihua.core.config.Settings;
import org.baihua.core.registry.ChangeAuthor;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.RegistryEvent;
import org.baihua.core.registry.RolloutStore;
import org.baihua.core.registry.Stage;
import org.baihua.core.registry.VersionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a model's traffic by its {@link Routing}: the production version, a candidate taking a
 * share (sticky by a field or header hash, else spread evenly), and a shadow version run after each
 * answer on a bounded queue, whose failures and slowness never reach the caller. Counts requests,
 * latency and decided labels per version in the metrics, and records every routing change in the
 * model's history (the registry records promotes, rollbacks, archives and deletes).
 *
 * <p>Hosts sharing the database share the routing: it is cached per model, and a change made on one
 * host is announced to the others ({@value #TOPIC}), which drop their cached copy and read it again at
 * the next request; at every {@code cluster.poll-millis} each host also compares its cached copies with
 * the stored ones, so a lost announcement delays a change by one poll. A promote, archive or delete
 * heard from another host only drops the cached routing: the host that made it records it in the
 * history and updates the routing, once.
 */
public final class Serving implements AutoCloseable {

    /** How many shadow requests may wait; more are dropped (and counted). */
    public static final ConfigKey<Integer> SHADOW_QUEUE = ConfigKey.integer("serving.shadow-queue", 1000, 1, 1_000_000);
    /** The keys of serving. */
    public static final List<ConfigKey<?>> KEYS = List.of(SHADOW_QUEUE);

    private static final Logger log = LoggerFactory.getLogger(Serving.class);
    /** The cluster topic of routing changes; the payload is the model's name. */
    static final String TOPIC = "routing";

    /**
     * An answer and how it was routed.
     *
     * @param result the predictions and the version that answered
     * @param route {@code production}, {@code candidate}, or {@code named} (the request named the version)
     */
    public record Answer(PredictionResult result, String route) {}

    private final Predictor predictor;
    private final ModelRegistry registry;
    private final RolloutStore store;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Warmup warmup;
    private final ClusterSignals signals;
    /** Each model's routing as read from the store: its JSON (null: none) to compare with the stored one at each poll. */
    private final Map<String, Cached> routings = new ConcurrentHashMap<>();
    private final Map<String, ShadowStats> shadows = new ConcurrentHashMap<>();
    /** The stats each shadow agreement gauge reads, by model and version. */
    private final Map<String, java.util.concurrent.atomic.AtomicReference<ShadowStats>> shadowGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> spread = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor shadowPool;

    @Inject
    public Serving(Predictor predictor, ModelRegistry registry, RolloutStore store, ObjectMapper json, MeterRegistry meters,
                   Warmup warmup, Settings settings, ClusterSignals signals) {
        this.predictor = requireNonNull(predictor, "predictor is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
        this.json = requireNonNull(json, "json is null");
        this.meters = requireNonNull(meters, "meters is null");
        this.warmup = requireNonNull(warmup, "warmup is null");
        this.signals = requireNonNull(signals, "signals is null");
        this.shadowPool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.get(SHADOW_QUEUE)), r -> {
            Thread t = new Thread(r, "baihua-shadow");
            t.setDaemon(true);
            return t;
        }, (task, pool) -> ((ShadowTask) task).stats.dropped());
        registry.events().subscribe(this::onRegistryEvent);
        signals.subscribe(TOPIC, this::routingChanged);
        signals.poll(this::revalidateRoutings);
    }

    /**
     * Predicts with the version the routing picks ({@code version} null), or the named one.
     *
     * @param headers the request's headers by name, for sticky routing by header
     */
    public Answer predict(String model, Integer version, List<Map<String, Object>> records, boolean explain,
                          Function<String, String> headers) {
        if (version != null) {
            return new Answer(timed(model, version, "named", () -> predictor.predict(model, version, records, explain)), "named");
        }
        Routing routing = routing(model).orElse(null);
        PredictionResult result = null;
        String route = "production";
        if (routing != null && routing.candidate() != null && toCandidate(model, routing, records, headers)) {
            try {
                int candidate = routing.candidate().version();
                result = timed(model, candidate, "candidate", () -> predictor.predict(model, candidate, records, explain));
                route = "candidate";
            } catch (BaihuaException e) {
                if (e.kind() != BaihuaException.Kind.CONFLICT && e.kind() != BaihuaException.Kind.UNAVAILABLE
                        && e.kind() != BaihuaException.Kind.NOT_FOUND) {
                    throw e; // the request itself is at fault: production would refuse it too
                }
                log.warn("Candidate of model '{}' cannot serve, production answers: {}", model, e.getMessage());
            }
        }
        if (result == null) {
            result = timed(model, null, "production", () -> predictor.predict(model, null, records, explain));
        }
        countLabels(model, result);
        if (routing != null && routing.shadow() != null && routing.shadow().version() != result.version()) {
            shadow(model, routing.shadow().version(), records, result);
        }
        return new Answer(result, route);
    }

    /** A routing change announced by another host: read it again at the next request, and warm its candidate now. */
    private void routingChanged(String model) {
        routings.remove(model);
        try {
            routing(model).map(Routing::candidate).ifPresent(candidate -> warmup.request(model, candidate.version()));
        } catch (RuntimeException e) {
            log.warn("Cannot read the routing of model '{}' announced by another host: {}", model, e.getMessage());
        }
    }

    /** The routing of a model, if it has one. */
    public Optional<Routing> routing(String model) {
        return Optional.ofNullable(routings.computeIfAbsent(model, m -> cached(store.routing(m).orElse(null))).routing());
    }

    /**
     * Sets a model's routing after checking its versions (the candidate and the shadow READY, not
     * archived, not the production version) and warming them; a default routing clears it.
     */
    public Optional<Routing> setRouting(String model, Routing routing, String caller) {
        registry.model(model);
        Integer production = registry.model(model).productionVersion();
        if (production == null && !routing.isDefault()) {
            throw new ConflictException("Model '" + model + "' has no production version: promote one before splitting its traffic");
        }
        if (routing.candidate() != null) {
            check(model, routing.candidate().version(), production, "candidate.version");
        }
        if (routing.shadow() != null) {
            check(model, routing.shadow().version(), production, "shadow.version");
        }
        if (routing.candidate() != null) {
            warmup.warmNow(model, routing.candidate().version()); // a canary takes traffic warm
        }
        if (routing.shadow() != null) {
            warmup.request(model, routing.shadow().version());
        }
        String before = store.routing(model).orElse(null);
        String after = routing.isDefault() ? null : write(routing);
        store.setRouting(model, before, after, caller);
        routings.remove(model);
        signals.send(TOPIC, model);
        if (routing.shadow() != null) {
            shadows.compute(model, (m, old) -> old != null && old.version == routing.shadow().version() ? old : newStats(m, routing.shadow().version()));
        }
        return routing(model);
    }

    /** The shadow summary of a model: its current or last shadow version's. */
    public Optional<ShadowStats.Summary> shadowSummary(String model) {
        registry.model(model);
        ShadowStats stats = shadows.get(model);
        Routing routing = stats == null ? routing(model).orElse(null) : null;
        if (routing != null && routing.shadow() != null) {
            // a shadow stored before this host started (or set on another host) has an empty summary until its first request
            int version = routing.shadow().version();
            stats = shadows.compute(model, (m, old) -> old != null && old.version == version ? old : newStats(m, version));
        }
        return Optional.ofNullable(stats).map(ShadowStats::summary);
    }

    /** Which version was production at {@code at}, from the model's history; empty before the first promote. */
    public Optional<Integer> productionAt(String model, Instant at) {
        return store.productionAt(model, at);
    }

    private void check(String model, int version, Integer production, String field) {
        ModelVersion v = registry.version(model, version);
        if (v.state() != VersionState.READY) {
            throw new ConflictException("Model '" + model + "' version " + version + " is " + v.state() + ", not READY (" + field + ")");
        }
        if (v.stage() == Stage.ARCHIVED) {
            throw new ConflictException("Model '" + model + "' version " + version + " is archived (" + field + ")");
        }
        if (production != null && production == version) {
            throw new InvalidRequestException(field, field + " " + version + " is the production version");
        }
    }

    /** Sticky: a hash of the field's or header's value; otherwise an even spread (a mixed counter, no randomness). */
    private boolean toCandidate(String model, Routing routing, List<Map<String, Object>> records, Function<String, String> headers) {
        String key = null;
        if (routing.stickyHeader() != null) {
            key = headers.apply(routing.stickyHeader());
        } else if (routing.stickyField() != null && !records.isEmpty() && records.get(0) != null) {
            Object value = records.get(0).get(routing.stickyField());
            key = value == null ? null : value.toString();
        }
        long bucket;
        if (key != null) {
            CRC32 crc = new CRC32();
            crc.update(key.getBytes(StandardCharsets.UTF_8));
            bucket = mix(crc.getValue());
        } else {
            bucket = mix(spread.computeIfAbsent(model, m -> new AtomicLong()).incrementAndGet());
        }
        return Long.remainderUnsigned(bucket, 100) < routing.candidate().percent();
    }

    /** SplitMix64's finaliser: consecutive or similar inputs land on uniformly spread buckets. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private PredictionResult timed(String model, Integer version, String route, java.util.function.Supplier<PredictionResult> call) {
        long start = System.nanoTime();
        PredictionResult result = call.get();
        Timer.builder("baihua.predict.latency").description("Predict latency per model version and route")
                .tags("model", model, "version", Integer.toString(result.version()), "route", route)
                .publishPercentileHistogram(false).register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private void countLabels(String model, PredictionResult result) {
        for (Prediction p : result.predictions()) {
            List<String> labels = p.label() != null ? List.of(p.label()) : p.labels() == null ? List.of() : p.labels();
            for (String label : labels) {
                meters.counter("baihua.predict.labels", "model", model, "version", Integer.toString(result.version()), "label", label)
                        .increment();
            }
        }
    }

    private void shadow(String model, int version, List<Map<String, Object>> records, PredictionResult answer) {
        ShadowStats stats = shadows.compute(model, (m, old) -> old != null && old.version == version ? old : newStats(m, version));
        shadowPool.execute(new ShadowTask(stats, () -> {
            long start = System.nanoTime();
            try {
                PredictionResult shadowed = predictor.predict(model, version, records, false);
                stats.compare(answer, shadowed, (System.nanoTime() - start) / 1e6);
            } catch (RuntimeException e) {
                stats.failed();
                log.debug("Shadow version {} of model '{}' failed: {}", version, model, e.getMessage());
            }
        }));
    }

    /**
     * New stats for a shadow run, which the agreement gauge of (model, version) reads from now on. The gauge is registered
     * once per (model, version) on a holder it references strongly: Micrometer keeps the first object a gauge was
     * registered with, weakly, so registering each run's stats would leave a version shadowed again (v2, v3, v2) reading
     * its first run's stats, or NaN once they were collected.
     */
    private ShadowStats newStats(String model, int version) {
        ShadowStats stats = new ShadowStats(version);
        shadowGauges.computeIfAbsent(model + "\n" + version, key -> {
            java.util.concurrent.atomic.AtomicReference<ShadowStats> holder = new java.util.concurrent.atomic.AtomicReference<>();
            io.micrometer.core.instrument.Gauge.builder("baihua.shadow.agreement", holder,
                            h -> h.get() == null ? Double.NaN : h.get().agreement())
                    .description("Share of shadowed records where the shadow version decided as the answer did")
                    .tags("model", model, "version", Integer.toString(version)).strongReference(true).register(meters);
            return holder;
        }).set(stats);
        return stats;
    }

    /** A shadow run that knows its stats, so a full queue can count the drop. */
    private record ShadowTask(ShadowStats stats, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    /**
     * A promoted candidate or a retired candidate or shadow leaves the routing. The history rows of promote, rollback,
     * archive and delete are written by the registry in the move's own transaction, so none is lost when this listener
     * fails. A change heard from another host had its routing updated there (announced apart): here the cached routing
     * is only dropped.
     */
    private void onRegistryEvent(RegistryEvent event) {
        String kind = event.kind().name();
        boolean relevant = event.kind() == RegistryEvent.Kind.PROMOTED || event.kind().retires();
        if (!relevant) {
            return;
        }
        if (event.fromAnotherHost()) {
            routings.remove(event.model());
            return;
        }
        try {
            // the stored routing, not the cached one: another host may have changed it since this one cached it
            routings.remove(event.model());
            Routing routing = routing(event.model()).orElse(null);
            if (routing == null) {
                return;
            }
            Routing.Candidate candidate = routing.candidate();
            Routing.Shadow shadow = routing.shadow();
            if (candidate != null && candidate.version() == event.version()) {
                candidate = null;
            }
            if (event.kind().retires() && shadow != null && shadow.version() == event.version()) {
                shadow = null;
            }
            if (candidate != routing.candidate() || shadow != routing.shadow()) {
                Routing next = new Routing(null, candidate, candidate == null ? null : routing.stickyBy(), shadow);
                store.setRouting(event.model(), write(routing), next.isDefault() ? null : write(next), ChangeAuthor.current());
                routings.remove(event.model());
                signals.send(TOPIC, event.model());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot update the routing of model '{}' after the {} of version {}: {}", event.model(), kind, event.version(),
                    e.getMessage(), e);
        }
    }

    /**
     * The poll: drops each cached routing that differs from the stored one, so a change whose announcement was lost
     * is served from the next poll on. One query per poll, returning only the models that have a routing (a few short
     * JSON rows), and no read on the request path; comparing the JSON text rather than a timestamp cannot miss two
     * changes made within one clock tick on two hosts.
     */
    private void revalidateRoutings() {
        if (routings.isEmpty()) {
            return;
        }
        Map<String, String> stored = new java.util.HashMap<>();
        for (String[] row : store.routings()) {
            stored.put(row[0], row[1]);
        }
        routings.forEach((model, cached) -> {
            if (!java.util.Objects.equals(cached.config(), stored.get(model))) {
                routings.remove(model, cached);
            }
        });
    }

    /** A routing as read from the store: its JSON, null when the model has none, and its parsed form. */
    private record Cached(String config, Routing routing) {}

    private Cached cached(String config) {
        return new Cached(config, config == null ? null : parse(config));
    }

    private Routing parse(String text) {
        try {
            return json.readValue(text, Routing.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored routing is not valid: " + text, e);
        }
    }

    private String write(Routing routing) {
        try {
            return json.writeValueAsString(routing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write routing " + routing, e);
        }
    }

    @Override
    public void close() {
        shadowPool.shutdownNow();
    }
}
