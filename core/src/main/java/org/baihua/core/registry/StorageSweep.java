package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.SharedStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what failed or deleted work left in the shared object store: blobs that no data set, no
 * artifact manifest and no plugin record refers to, and multipart writes that were never completed.
 * Only objects older than the grace period are touched, since a younger one may belong to a write
 * that another host has not committed yet. Without shared storage there is nothing to sweep: the
 * local stores clean up when opened.
 */
public final class StorageSweep {

    private static final Logger log = LoggerFactory.getLogger(StorageSweep.class);

    private final Database database;
    private final ArtifactStore artifacts;
    private final SharedStorage shared;

    @Inject
    public StorageSweep(Database database, ArtifactStore artifacts, Optional<SharedStorage> shared) {
        this.database = requireNonNull(database, "database is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.shared = shared.orElse(null);
    }

    /**
     * What a sweep removed.
     *
     * @param blobsRemoved unreferenced blobs deleted
     * @param writesAborted unfinished multipart writes aborted
     */
    public record Result(int blobsRemoved, int writesAborted) {}

    /** Sweeps objects unreferenced and older than the grace period at {@code now}. */
    public Result sweep(Instant now) {
        if (shared == null) {
            return new Result(0, 0);
        }
        Instant cutoff = now.minus(shared.sweepGrace());
        int aborted = shared.store().abortUnfinishedWrites(cutoff);
        // Blobs are listed before the references are read: a blob written after the listing is not
        // considered, and one listed before its reference committed is younger than the grace period.
        var blobs = shared.listBlobs();
        Set<String> referenced = new HashSet<>(database.read("listing data set rows", c ->
                Rows.list(c, "SELECT rows_sha256 FROM datasets", rs -> rs.getString("rows_sha256"))));
        referenced.addAll(artifacts.referencedBlobs());
        referenced.addAll(org.baihua.core.plugin.PluginArchive.referencedBlobs(shared));
        int removed = 0;
        for (ObjectStore.ObjectInfo blob : blobs) {
            Optional<String> sha = SharedStorage.shaOf(blob.key());
            if (sha.isPresent() && !referenced.contains(sha.get()) && blob.lastModified().isBefore(cutoff)) {
                shared.deleteBlob(sha.get());
                removed++;
            }
        }
        if (removed > 0 || aborted > 0) {
            log.info("Storage sweep of {}: {} unreferenced blobs removed, {} unfinished writes aborted",
                    shared.store().location(), removed, aborted);
        }
        return new Result(removed, aborted);
    }
}
