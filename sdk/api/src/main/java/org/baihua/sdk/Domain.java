package org.baihua.sdk;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A field of application (medical, finance, industrial, ...) and the classification tasks it offers.
 *
 * <p>Ids are stable, lower-case and URL-safe ({@code [a-z0-9][a-z0-9-]*}); the host uses them in
 * REST paths and in every model's lineage.
 *
 * <p>One instance per plugin start, called from many threads at once: implementations must be
 * thread-safe (see the package documentation).
 */
public interface Domain extends ExtensionPoint {

    /** The domain's stable id, for example {@code medical}. */
    String id();

    /** A name for people, for example {@code Medical}. */
    String displayName();

    /** The tasks this domain offers; never empty, ids unique within the domain. */
    List<TaskSpec> tasks();
}
