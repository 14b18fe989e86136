package org.baihua.core.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.baihua.core.storage.Digests;
import org.baihua.core.storage.MissingObjectException;
import org.baihua.core.storage.ObjectStore;

/**
 * Batch jobs in the object store every host shares, so that any host shows a job, streams its
 * result, cancels or deletes it, whichever host ran it. Per job: {@code batch-jobs/<id>/job.json}
 * (the job as last published by the host running it), {@code result.csv|jsonl} once it has
 * succeeded (written before the job says SUCCEEDED, and read back against the job's SHA-256), and a
 * {@code cancel} marker another host leaves for the runner to find.
 */
final class SharedBatchJobs {

    static final String PREFIX = "batch-jobs/";
    private static final String JOB = "/job.json";

    private final ObjectStore store;
    private final ObjectMapper json;

    SharedBatchJobs(ObjectStore store, ObjectMapper json) {
        this.store = requireNonNull(store, "store is null");
        this.json = requireNonNull(json, "json is null");
    }

    /** Writes the job's current state for the other hosts. */
    void publish(BatchJob job) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(job);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise batch job '" + job.id() + "'", e);
        }
        store.put(PREFIX + job.id() + JOB, bytes, Digests.sha256Hex(bytes));
    }

    /** The job as last published, if any host has. */
    Optional<BatchJob> find(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            return Optional.empty(); // job ids are UUIDs: anything else cannot name a key of ours
        }
        try (InputStream in = store.open(PREFIX + id + JOB, null)) {
            return Optional.of(json.readValue(in, BatchJob.class));
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read batch job '" + id + "' from " + store.location(), e);
        }
    }

    /** Every published job. */
    List<BatchJob> list() {
        List<BatchJob> jobs = new ArrayList<>();
        for (ObjectStore.ObjectInfo info : store.list(PREFIX)) {
            if (info.key().endsWith(JOB)) {
                String id = info.key().substring(PREFIX.length(), info.key().length() - JOB.length());
                find(id).ifPresent(jobs::add); // deleted meanwhile: not listed
            }
        }
        return jobs;
    }

    /** Stores a finished result file, returning its SHA-256 (the job names it when it says SUCCEEDED). */
    String putResult(String id, Path file, BatchFormat format) {
        String sha;
        try {
            sha = Digests.sha256Hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the result of batch job '" + id + "' at " + file, e);
        }
        store.put(resultKey(id, format), file, sha);
        return sha;
    }

    /** The result of a SUCCEEDED job, checked against its SHA-256 as it is read. */
    InputStream openResult(BatchJob job) {
        return store.open(resultKey(job.id(), BatchFormat.parse("output", job.output())), job.resultSha256());
    }

    /** Leaves a cancel request for the host running the job. */
    void requestCancel(String id) {
        byte[] marker = new byte[0];
        store.put(PREFIX + id + "/cancel", marker, Digests.sha256Hex(marker));
    }

    /** Whether another host asked to cancel the job. */
    boolean cancelRequested(String id) {
        return store.stat(PREFIX + id + "/cancel").isPresent();
    }

    /** Removes everything of a job. */
    void delete(String id) {
        for (ObjectStore.ObjectInfo info : store.list(PREFIX + id + "/")) {
            if (!info.key().endsWith(JOB)) {
                store.delete(info.key());
            }
        }
        store.delete(PREFIX + id + JOB); // last: a job listed is one whose objects are all still there
    }

    private static String resultKey(String id, BatchFormat format) {
        return PREFIX + id + "/result" + format.suffix();
    }
}
