package org.baihua.core.registry;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a training job is: {@code QUEUED → RUNNING → SUCCEEDED}, and from either of the first two
 * {@code FAILED} or {@code CANCELLED}. The last three are final. {@code RUNNING → QUEUED} happens once
 * at most, when the job's host was lost and {@code jobs.lost-policy=requeue}.
 */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** Whether a job in this state may move to {@code next}. */
    public boolean canMoveTo(JobState next) {
        return successors().contains(next);
    }

    /** Whether the job is waiting or running. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }

    private Set<JobState> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    }
}
