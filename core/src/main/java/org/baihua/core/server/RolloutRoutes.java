package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import jakarta.inject.Inject;
import org.baihua.core.auth.AccessControl;
import org.baihua.core.auth.Role;
import org.baihua.core.jobs.Retraining;
import org.baihua.core.registry.JobStore;

/** Safe change in production: retraining on a new plugin version. */
final class RolloutRoutes implements RouteGroup {

    /** Body of a retrain request; every field optional. */
    record RetrainBody(Integer fromVersion, String pluginVersion) {}

    private final Retraining retraining;
    private final ObjectMapper mapper;

    @Inject
    RolloutRoutes(Retraining retraining, ObjectMapper mapper) {
        this.retraining = requireNonNull(retraining, "retraining is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/v1/models/{name}/retrain", ctx -> {
            RetrainBody body = ctx.req().getContentLengthLong() == 0 ? new RetrainBody(null, null)
                    : Bodies.read(ctx, mapper, RetrainBody.class);
            JobStore.QueuedTraining queued = retraining.retrain(ctx.pathParam("name"), body.fromVersion(), body.pluginVersion(),
                    AccessControl.caller(ctx).name());
            ctx.status(202).json(new ModelRoutes.Queued(queued.version().model(), queued.version().version(), queued.job().id()));
        }, Role.TRAINER);
    }
}
