package org.baihua.core.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A training job as persisted.
 *
 * @param id generated id, for example {@code job-4b1e0c2d9a7f3e51}
 * @param model the model whose version it trains
 * @param version that version
 * @param hostId the host that runs it; start-up recovery fails only its own host's jobs
 * @param state where the job is
 * @param progress how far it has come
 * @param error why it failed, or null
 * @param cancelRequested whether a cancel was asked for while it ran
 * @param createdAt when it was queued
 * @param startedAt when it started running, or null
 * @param finishedAt when it ended, or null
 * @param updatedAt when its row last changed
 */
public record JobInfo(
        String id,
        String model,
        int version,
        String hostId,
        JobState state,
        JobProgress progress,
        String error,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt) {

    public JobInfo {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(state, "state is null");
        progress = progress == null ? JobProgress.queued() : progress;
    }
}
