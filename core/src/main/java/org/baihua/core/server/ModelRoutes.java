package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.inference.Predictor;
import org.baihua.core.inference.Serving;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.jobs.TrainingSpec;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.Lineage;
import org.baihua.core.registry.Model;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.training.TrainingParams;
import org.baihua.sdk.HeadSpec;

/** {@code /api/v1/models}: train new versions, inspect them, move them through their lifecycle, predict. */
final class ModelRoutes implements RouteGroup {

    /** Body of a training request. */
    record TrainBody(String name, String domain, String task, String dataset, HeadSpec head, TrainingParams training,
                     String encoder, String longText, String pluginVersion) {}

    /** Body of a predict request. */
    record PredictBody(List<Map<String, Object>> records, Boolean explain) {}

    /** Answer to a predict request: which version replied and how it was routed (production, candidate, named). */
    record Answered(String model, int version, String route, List<org.baihua.core.inference.Prediction> predictions,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                    List<String> warnings) {}

    /** Answer to a training request. */
    record Queued(String model, int version, String job) {}

    /** REST view of a model version. */
    record VersionView(String model, int version, String state, String stage, Lineage lineage, Map<String, Object> metrics,
                       Map<String, Long> timings, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
                       String notServing) {
        static VersionView of(ModelVersion v) {
            return of(v, null);
        }

        /** @param notServing {@code not serving: <reason>} for a READY version that cannot serve now, else null */
        static VersionView of(ModelVersion v, String notServing) {
            return new VersionView(v.model(), v.version(), v.state().name(), v.stage().name(), v.lineage(), v.metrics(), v.timings(),
                    v.error(), v.createdAt(), v.startedAt(), v.finishedAt(), notServing);
        }
    }

    /** REST view of a model with its versions. */
    record ModelView(String name, String domain, String task, Integer productionVersion, int latestVersion, Instant createdAt,
                     String createdBy, List<VersionView> versions) {
        static ModelView of(Model m, List<VersionView> versions) {
            return new ModelView(m.name(), m.domain(), m.task(), m.productionVersion(), m.latestVersion(), m.createdAt(), m.createdBy(),
                    versions);
        }
    }

    private final ModelRegistry registry;
    private final TrainingJobs jobs;
    private final Predictor predictor;
    private final ObjectMapper mapper;
    private final Serving serving;

    @Inject
    ModelRoutes(ModelRegistry registry, TrainingJobs jobs, Predictor predictor, ObjectMapper mapper, Serving serving) {
        this.serving = requireNonNull(serving, "serving is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.predictor = requireNonNull(predictor, "predictor is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/v1/models", this::train, Role.TRAINER);
        app.get("/api/v1/models", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(registry.models().stream().map(m -> ModelView.of(m, null)).toList());
        }, Role.READER);
        app.get("/api/v1/models/{name}", ctx -> {
            QueryParameters.none(ctx);
            Model model = registry.model(ctx.pathParam("name"));
            ctx.json(ModelView.of(model, registry.versions(model.name()).stream().map(this::view).toList()));
        }, Role.READER);
        app.get("/api/v1/models/{name}/versions/{version}", ctx -> ctx.json(view(
                registry.version(ctx.pathParam("name"), version(ctx)))), Role.READER);
        app.post("/api/v1/models/{name}/versions/{version}/promote", ctx -> ctx.json(VersionView.of(
                registry.promote(ctx.pathParam("name"), version(ctx)))), Role.TRAINER);
        app.post("/api/v1/models/{name}/versions/{version}/archive", ctx -> ctx.json(VersionView.of(
                registry.archive(ctx.pathParam("name"), version(ctx)))), Role.TRAINER);
        app.post("/api/v1/models/{name}/rollback", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(VersionView.of(registry.rollback(ctx.pathParam("name"))));
        }, Role.TRAINER);
        app.delete("/api/v1/models/{name}/versions/{version}", ctx -> {
            String name = ctx.pathParam("name");
            int version = version(ctx);
            registry.deleteVersion(name, version);
            ctx.status(204);
        }, Role.TRAINER);
        app.post("/api/v1/models/{name}/predict", ctx -> {
            QueryParameters.allow(ctx, java.util.Set.of("version"));
            PredictBody body = Bodies.read(ctx, mapper, PredictBody.class);
            String version = ctx.queryParam("version");
            Serving.Answer answer = serving.predict(ctx.pathParam("name"), version == null ? null : parseVersion(version), body.records(),
                    Boolean.TRUE.equals(body.explain()), ctx::header);
            ctx.header("X-Baihua-Version", Integer.toString(answer.result().version())).header("X-Baihua-Route", answer.route());
            ctx.json(new Answered(answer.result().model(), answer.result().version(), answer.route(), answer.result().predictions(),
                    answer.result().warnings()));
        }, Role.READER);
        app.get("/api/v1/models/{name}/versions/{version}/artifact", this::artifact, Role.READER);
    }

    private VersionView view(ModelVersion v) {
        return VersionView.of(v, predictor.servingProblem(v).map(reason -> "not serving: " + reason).orElse(null));
    }

    private void train(Context ctx) {
        QueryParameters.none(ctx);
        TrainBody body = Bodies.read(ctx, mapper, TrainBody.class);
        JobStore.QueuedTraining queued = jobs.submit(new TrainingSpec(body.name(), body.domain(), body.task(), body.dataset(),
                body.head(), body.training(), body.encoder(), body.longText()), body.pluginVersion(), AccessControl.caller(ctx).name());
        ctx.status(202).json(new Queued(queued.version().model(), queued.version().version(), queued.job().id()));
    }

    private void artifact(Context ctx) {
        String name = ctx.pathParam("name");
        int version = version(ctx);
        registry.artifact(name, version); // verifies before any byte is sent, so a corrupt one is a clean error
        ctx.res().setCharacterEncoding(null);
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "-v" + version + ".zip\"");
        try (OutputStream out = ctx.outputStream()) {
            registry.exportArtifact(name, version, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send the artifact of model '" + name + "' version " + version, e);
        }
    }

    /** The version in the path; the routes that read it take no query parameter, so they are checked here. */
    private static int version(Context ctx) {
        QueryParameters.none(ctx);
        return parseVersion(ctx.pathParam("version"));
    }

    private static int parseVersion(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("version", "version must be a positive whole number, was '" + text + "'");
        }
    }
}
