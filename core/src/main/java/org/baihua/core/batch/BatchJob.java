package org.baihua.core.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.baihua.core.registry.RejectedRow;

/**
 * A batch scoring job as stored in its {@code job.json} and shown by the REST API.
 *
 * @param id the job id
 * @param model the model
 * @param version the version scoring (resolved when the job starts if the production one was asked for), or null before
 * @param state QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param input what is scored: "upload:&lt;format&gt;" or "dataset:&lt;id&gt;"
 * @param output the result's format, csv or jsonl
 * @param explain whether rows carry explanations
 * @param createdBy who submitted it
 * @param progress rows done so far, and bytes of the input read out of its size (an upload)
 * @param summary counts when done
 * @param error why it failed
 * @param host the host that runs (or ran) it ({@code jobs.host-id}); with shared storage any host shows it
 * @param resultSha256 the result's SHA-256 once SUCCEEDED, checked when the result is read back from shared storage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchJob(String id, String model, Integer version, State state, String input, String output, boolean explain,
                       String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, Progress progress, Summary summary,
                       String error, String host, String resultSha256) {

    /** Where a job is. */
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean isActive() {
            return this == QUEUED || this == RUNNING;
        }
    }

    /**
     * How far a job is.
     *
     * @param rows rows read (scored and rejected)
     * @param bytesRead bytes of the uploaded input read (0 for a data set)
     * @param bytesTotal the upload's size (0 for a data set)
     * @param datasetRows a data set's row count (0 for an upload)
     */
    public record Progress(long rows, long bytesRead, long bytesTotal, long datasetRows) {}

    /**
     * The result's counts.
     *
     * @param rows rows of the input (scored + rejected)
     * @param scored rows scored
     * @param rejected rows not scored (they are in the result with their reason)
     * @param labelCounts decided label &rarr; rows
     * @param rejections the first rejected rows, with the line or row number and reason
     */
    public record Summary(long rows, long scored, long rejected, Map<String, Long> labelCounts, List<RejectedRow> rejections) {}

    BatchJob with(State newState, Integer newVersion, Instant started, Instant finished, Progress newProgress, Summary newSummary,
                  String newError) {
        return new BatchJob(id, model, newVersion, newState, input, output, explain, createdBy, createdAt, started, finished, newProgress,
                newSummary, newError, host, resultSha256);
    }

    BatchJob withResultSha256(String sha256) {
        return new BatchJob(id, model, version, state, input, output, explain, createdBy, createdAt, startedAt, finishedAt, progress,
                summary, error, host, sha256);
    }
}
