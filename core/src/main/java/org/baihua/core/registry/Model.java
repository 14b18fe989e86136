package org.baihua.core.registry;

import java.time.Instant;

/**
 * A named model: the versions of one classifier for one task of one domain.
 *
 * @param name unique, URL-safe id, for example {@code fraud}
 * @param domain the domain id
 * @param task the task id within the domain
 * @param createdAt when its first version was created
 * @param createdBy who created its first version
 * @param productionVersion the version in production, or null
 * @param latestVersion the highest version number given out so far, 0 when none
 */
public record Model(
        String name,
        String domain,
        String task,
        Instant createdAt,
        String createdBy,
        Integer productionVersion,
        int latestVersion) {}
