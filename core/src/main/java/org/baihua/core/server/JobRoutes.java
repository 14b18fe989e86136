package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import jakarta.inject.Inject;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.auth.Role;
import org.baihua.core.jobs.TrainingJobs;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobStore;

/**
 * {@code /api/v1/jobs}: training jobs, their progress as Server-Sent Events (one {@code job} event
 * per update, ending with the final state) and cancellation.
 */
final class JobRoutes implements RouteGroup {

    private final JobStore store;
    private final TrainingJobs jobs;
    private final ObjectMapper mapper;

    @Inject
    JobRoutes(JobStore store, TrainingJobs jobs, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/jobs", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(store.list());
        }, Role.TRAINER);
        app.get("/api/v1/jobs/{id}", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(store.get(ctx.pathParam("id")));
        }, Role.TRAINER);
        app.post("/api/v1/jobs/{id}/cancel", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(jobs.cancel(ctx.pathParam("id")));
        }, Role.TRAINER);
        // The job is looked up before the stream opens, so an unknown id is a plain 404 problem; beforeMatched
        // runs after access control, so a caller without the role learns nothing about which jobs exist.
        // Javalin streams only to clients that accept event streams; anything else would get an empty 200.
        app.beforeMatched("/api/v1/jobs/{id}/events", ctx -> {
            store.get(ctx.pathParam("id"));
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new InvalidRequestException("Accept", "This route streams Server-Sent Events: send 'Accept: text/event-stream'"
                        + " (for curl: curl -N -H 'Accept: text/event-stream' ...)");
            }
        });
        app.sse("/api/v1/jobs/{id}/events", this::stream, Role.TRAINER);
    }

    private void stream(SseClient client) {
        String id = client.ctx().pathParam("id");
        client.keepAlive();
        Runnable unsubscribe = jobs.events().subscribe(id, job -> send(client, job));
        client.onClose(unsubscribe);
        // Subscribed first, then read: an update in between is sent twice at worst, never lost.
        send(client, store.get(id));
    }

    private void send(SseClient client, JobInfo job) {
        if (client.terminated()) {
            return;
        }
        try {
            client.sendEvent("job", mapper.writeValueAsString(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise job '" + job.id() + "'", e);
        }
        if (!job.state().isActive()) {
            client.close();
        }
    }
}
