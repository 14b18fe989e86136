package org.baihua.core.registry;

import java.util.List;

/**
 * What start-up recovery repaired.
 *
 * @param failedJobs ids of this host's jobs that were queued or running, now FAILED
 * @param failedVersions versions that were queued or training with no live job, now FAILED
 * @param removedArtifacts artifact folders removed because their version is not READY (or gone)
 */
public record RecoveryReport(List<String> failedJobs, List<VersionRef> failedVersions, List<VersionRef> removedArtifacts) {

    public RecoveryReport {
        failedJobs = List.copyOf(failedJobs);
        failedVersions = List.copyOf(failedVersions);
        removedArtifacts = List.copyOf(removedArtifacts);
    }

    /** Whether anything had to be repaired. */
    public boolean isEmpty() {
        return failedJobs.isEmpty() && failedVersions.isEmpty() && removedArtifacts.isEmpty();
    }
}
