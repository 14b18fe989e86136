package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import jakarta.inject.Inject;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.jobs.Retraining;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.ConflictException;
import org.baihua.core.NotFoundException;
import org.baihua.core.drift.DriftMonitor;
import org.baihua.core.drift.DriftReport;
import org.baihua.core.drift.ReferenceProfile;
import org.baihua.core.inference.Predictor;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.VersionState;
import org.baihua.core.registry.ChangeAuthor;
import org.baihua.core.inference.Routing;
import org.baihua.core.inference.Serving;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.RolloutStore;

/** Safe change in production: retraining on a new plugin version, traffic split and shadow, drift, history. */
final class RolloutRoutes implements RouteGroup {

    /** Body of a retrain request; every field optional. */
    record RetrainBody(Integer fromVersion, String pluginVersion) {}

    /** A model's routing as served: the production version and the routing, or the default. */
    record TrafficView(String model, Integer productionVersion, Routing routing) {}

    /** A model's history, and the production version at {@code ?at=} when asked. */
    record HistoryView(String model, java.time.Instant at, Integer productionAt, java.util.List<RolloutStore.Change> changes) {}

    private final Retraining retraining;
    private final ObjectMapper mapper;
    private final Serving serving;
    private final ModelRegistry registry;
    private final RolloutStore store;
    private final Predictor predictor;
    private final DriftMonitor drift;

    @Inject
    RolloutRoutes(Retraining retraining, ObjectMapper mapper, Serving serving, ModelRegistry registry, RolloutStore store,
                  Predictor predictor, DriftMonitor drift) {
        this.predictor = requireNonNull(predictor, "predictor is null");
        this.drift = requireNonNull(drift, "drift is null");
        this.retraining = requireNonNull(retraining, "retraining is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.serving = requireNonNull(serving, "serving is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void register(Javalin app) {
        // registry events are published on the request's thread: the model history names the caller
        app.before("/api/v1/models/*", ctx -> ChangeAuthor.set(() -> AccessControl.caller(ctx).name()));
        app.after("/api/v1/models/*", ctx -> ChangeAuthor.clear());
        app.get("/api/v1/models/{name}/traffic", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(view(ctx.pathParam("name")));
        }, Role.READER);
        app.put("/api/v1/models/{name}/traffic", ctx -> {
            QueryParameters.none(ctx);
            Routing routing = Bodies.read(ctx, mapper, Routing.class);
            serving.setRouting(ctx.pathParam("name"), routing, AccessControl.caller(ctx).name());
            ctx.json(view(ctx.pathParam("name")));
        }, Role.TRAINER);
        app.delete("/api/v1/models/{name}/traffic", ctx -> {
            QueryParameters.none(ctx);
            serving.setRouting(ctx.pathParam("name"), new Routing(null, null, null, null), AccessControl.caller(ctx).name());
            ctx.json(view(ctx.pathParam("name")));
        }, Role.TRAINER);
        app.get("/api/v1/models/{name}/shadow", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(serving.shadowSummary(ctx.pathParam("name"))
                    .orElseThrow(() -> new NotFoundException("Model '" + ctx.pathParam("name") + "' has had no shadow version")));
        }, Role.READER);
        app.get("/api/v1/models/{name}/drift", ctx -> {
            QueryParameters.allow(ctx, java.util.Set.of("version"));
            ctx.json(drift(ctx.pathParam("name"), ctx.queryParam("version")));
        }, Role.READER);
        app.get("/api/v1/models/{name}/history", ctx -> {
            QueryParameters.allow(ctx, java.util.Set.of("at"));
            String name = ctx.pathParam("name");
            registry.model(name);
            String at = ctx.queryParam("at");
            java.time.Instant instant = null;
            if (at != null) {
                try {
                    instant = java.time.Instant.parse(at);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidRequestException("at", "at must be an ISO-8601 instant such as 2026-12-03T09:00:00Z, was '" + at + "'");
                }
            }
            ctx.json(new HistoryView(name, instant, instant == null ? null : serving.productionAt(name, instant).orElse(null),
                    store.history(name)));
        }, Role.READER);
        app.post("/api/v1/models/{name}/retrain", ctx -> {
            QueryParameters.none(ctx);
            RetrainBody body = ctx.req().getContentLengthLong() == 0 ? new RetrainBody(null, null)
                    : Bodies.read(ctx, mapper, RetrainBody.class);
            JobStore.QueuedTraining queued = retraining.retrain(ctx.pathParam("name"), body.fromVersion(), body.pluginVersion(),
                    AccessControl.caller(ctx).name());
            ctx.status(202).json(new ModelRoutes.Queued(queued.version().model(), queued.version().version(), queued.job().id()));
        }, Role.TRAINER);
    }

    /** The drift of the production version, or of {@code ?version=}. */
    private DriftReport drift(String name, String versionParam) {
        ModelVersion version;
        if (versionParam == null) {
            Integer production = registry.model(name).productionVersion();
            if (production == null) {
                throw new ConflictException("Model '" + name + "' has no production version: promote one, or name a version with ?version=");
            }
            version = registry.version(name, production);
        } else {
            int number;
            try {
                number = Integer.parseInt(versionParam.trim());
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                throw new InvalidRequestException("version", "version must be a whole number of at least 1, was '" + versionParam + "'");
            }
            version = registry.version(name, number);
        }
        if (version.state() != VersionState.READY) {
            throw new ConflictException("Model '" + name + "' version " + version.version() + " is " + version.state()
                    + ", not READY: it has no drift");
        }
        ReferenceProfile profile = predictor.referenceProfile(version).orElse(null);
        return drift.report(name, version.version(), profile, profile == null ? java.util.List.of() : predictor.labels(version));
    }

    private TrafficView view(String name) {
        Integer production = registry.model(name).productionVersion();
        return new TrafficView(name, production, serving.routing(name).orElse(new Routing(null, null, null, null)));
    }
}
