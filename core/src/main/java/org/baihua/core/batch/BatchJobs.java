package org.baihua.core.batch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.baihua.core.BaihuaException;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.NotFoundException;
import org.baihua.core.OverloadedException;
import org.baihua.core.config.HostConfig;
import org.baihua.core.datasets.MappingCheck;
import org.baihua.core.inference.Prediction;
import org.baihua.core.jobs.JobsConfig;
import org.baihua.core.storage.SharedStorage;
import org.baihua.core.inference.Predictor;
import org.baihua.core.inference.VersionScorer;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.Model;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.RejectedRow;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;
import org.baihua.sdk.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch scoring on one host: an uploaded file or a stored data set is scored by a model version in
 * batches of {@value #BATCH_ROWS} rows through {@link VersionScorer} (the predict route's own code
 * path) and written row by row to a result file, so memory does not grow with the input. One job
 * runs at a time per host, {@value #QUEUE_LENGTH} more may wait. Each job lives in
 * {@code <data-dir>/batch-jobs/<id>/}: {@code job.json}, the input while it runs, the result; a job
 * that was active when the host stopped is failed at the next start.
 *
 * <p>With shared storage ({@code storage.type=s3}) the job and its result are published to the
 * bucket ({@link SharedBatchJobs}) and the local folder only holds a job while it runs: any host
 * lists and shows every job, streams its result and its events, deletes it once ended, and cancels
 * it (a marker the running host checks about every second).
 */
public final class BatchJobs implements AutoCloseable {

    static final int BATCH_ROWS = 256;
    static final int QUEUE_LENGTH = 16;
    static final int REJECTIONS_KEPT = 100;
    private static final long PUBLISH_EVERY_MILLIS = 500;
    /** How often progress goes to shared storage, and how often a runner looks there for a cancel request. */
    private static final long SHARED_EVERY_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(BatchJobs.class);

    /**
     * What to score.
     *
     * @param model the model
     * @param version the version, or null for the production version
     * @param format the upload's format (an adapter of the model's domain), ignored for a data set
     * @param options adapter options for the upload
     * @param mapping the task's fields onto the upload's columns, or null
     * @param dataset a stored data set to score instead of an upload, or null
     * @param output the result's format
     * @param explain whether to explain every row (costly: one pass per word)
     */
    public record Request(String model, Integer version, String format, AdapterOptions options, String mapping, String dataset,
                          BatchFormat output, boolean explain) {}

    private final Path root;
    private final ModelRegistry registry;
    private final Predictor predictor;
    private final DomainExtensions extensions;
    private final DatasetStore datasets;
    private final ObjectMapper json;
    private final Map<String, BatchJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<BatchJob>>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cancelled = new ConcurrentHashMap<>();
    private final Semaphore capacity = new Semaphore(1 + QUEUE_LENGTH);
    private final ExecutorService executor;
    /** The jobs in shared storage, or null on a single host. */
    private final SharedBatchJobs shared;
    private final String hostId;
    /** Follows jobs another host runs, for this host's event subscribers (shared storage only). */
    private final ScheduledExecutorService watcher;
    private final Map<String, ScheduledFuture<?>> watches = new ConcurrentHashMap<>();
    private final Map<String, Long> lastShared = new ConcurrentHashMap<>();

    @Inject
    public BatchJobs(HostConfig host, ModelRegistry registry, Predictor predictor, DomainExtensions extensions, DatasetStore datasets,
                     ObjectMapper json, Optional<SharedStorage> sharedStorage, JobsConfig jobsConfig) {
        this.shared = sharedStorage.map(storage -> new SharedBatchJobs(storage.store(), json)).orElse(null);
        this.hostId = jobsConfig.hostId();
        this.watcher = shared == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baihua-batch-watch");
            t.setDaemon(true);
            return t;
        });
        this.root = host.dataDir().resolve("batch-jobs");
        this.registry = requireNonNull(registry, "registry is null");
        this.predictor = requireNonNull(predictor, "predictor is null");
        this.extensions = requireNonNull(extensions, "extensions is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.json = requireNonNull(json, "json is null");
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baihua-batch");
            t.setDaemon(true);
            return t;
        });
        recover();
    }

    /**
     * Loads the jobs of earlier runs; one that was active when the host stopped is failed and its input
     * removed. With shared storage they are published and their folders removed (kept if that fails).
     */
    private void recover() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Path file = dir.resolve("job.json");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                BatchJob job;
                try {
                    job = json.readValue(file.toFile(), BatchJob.class);
                } catch (IOException e) {
                    log.warn("Batch job file {} is unreadable and is ignored", file, e);
                    continue;
                }
                if (job.state().isActive()) {
                    job = job.with(BatchJob.State.FAILED, job.version(), job.startedAt(), Instant.now(), job.progress(), null,
                            "the host stopped while this job was " + job.state());
                    Files.deleteIfExists(dir.resolve("input"));
                    deletePartial(dir);
                    save(job);
                }
                if (shared == null) {
                    jobs.put(job.id(), job);
                } else {
                    try {
                        shared.publish(job);
                        deleteTree(dir);
                    } catch (RuntimeException e) {
                        log.warn("Batch job {} could not be published to shared storage; it stays in {} until the next start", job.id(),
                                dir, e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the batch jobs in " + root, e);
        }
    }

    /**
     * Queues a job. An upload ({@code upload} not null) is moved into the job's folder; the caller
     * deletes it if this throws.
     *
     * @throws NotFoundException unknown model or data set
     * @throws ConflictException no production version, a version not READY, a data set of another task
     * @throws OverloadedException the queue is full
     */
    public BatchJob submit(Request request, Path upload, String createdBy) {
        Model model = registry.model(request.model());
        // the version is resolved (and checked) now so a bad request fails before anything is queued
        TaskSpec task;
        try (VersionScorer probe = predictor.scorer(request.model(), request.version(), request.mapping())) {
            task = probe.task();
        }
        String input;
        if (request.dataset() != null) {
            if (upload != null) {
                throw new InvalidRequestException("dataset", "send either a file or dataset=<id>, not both");
            }
            DatasetInfo dataset = datasets.find(request.dataset())
                    .orElseThrow(() -> new NotFoundException("Data set '" + request.dataset() + "' not found"));
            if (!dataset.domain().equals(model.domain()) || !dataset.task().equals(model.task())) {
                throw new ConflictException("Data set '" + dataset.id() + "' is for " + dataset.domain() + "/" + dataset.task()
                        + ", model '" + model.name() + "' is for " + model.domain() + "/" + model.task());
            }
            input = "dataset:" + dataset.id();
        } else {
            if (upload == null) {
                throw new InvalidRequestException("body", "send the file to score as the request body, or name a data set with dataset=<id>");
            }
            DataAdapter adapter = extensions.adapter(model.domain(), request.format());
            // a mapping naming a column the file lacks is a 400 now, as for an ingest, not a job rejecting every row
            try (InputStream in = Files.newInputStream(upload)) {
                MappingCheck.checkFileToScore(task, request.mapping(), adapter, request.format(), request.options(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the upload " + upload, e);
            }
            input = "upload:" + request.format();
        }
        if (!capacity.tryAcquire()) {
            throw new OverloadedException("The batch queue is full (" + QUEUE_LENGTH + " jobs waiting); try again later", 30);
        }
        try {
            String id = UUID.randomUUID().toString();
            Path dir = root.resolve(id);
            Files.createDirectories(dir);
            long size = 0;
            if (upload != null) {
                size = Files.size(upload);
                move(upload, dir.resolve("input"));
            }
            long datasetRows = request.dataset() == null ? 0 : datasets.get(request.dataset()).rows();
            BatchJob job = new BatchJob(id, model.name(), request.version(), BatchJob.State.QUEUED, input,
                    request.output().name().toLowerCase(java.util.Locale.ROOT), request.explain(), createdBy, Instant.now(), null, null,
                    new BatchJob.Progress(0, 0, size, datasetRows), null, null, hostId, null);
            if (shared != null) {
                try {
                    shared.publish(job); // refused now rather than run a job whose result cannot be stored
                } catch (RuntimeException e) {
                    deleteQuietlyTree(dir);
                    throw e;
                }
                lastShared.put(id, System.currentTimeMillis());
            }
            jobs.put(id, job);
            save(job);
            executor.execute(() -> {
                try {
                    run(job, request, model.domain());
                } finally {
                    capacity.release();
                }
            });
            return job;
        } catch (IOException e) {
            capacity.release();
            throw new UncheckedIOException("Cannot queue a batch job under " + root, e);
        } catch (RuntimeException e) {
            capacity.release();
            throw e;
        }
    }

    /** The job {@code id} of {@code model}. */
    public BatchJob get(String model, String id) {
        BatchJob job = jobs.get(id);
        if (job == null && shared != null) {
            job = shared.find(id).orElse(null);
        }
        if (job == null || !job.model().equals(model)) {
            throw new NotFoundException("Batch job '" + id + "' of model '" + model + "' not found");
        }
        return job;
    }

    /** The jobs of {@code model}, newest first. */
    public List<BatchJob> list(String model) {
        Map<String, BatchJob> all = new LinkedHashMap<>();
        if (shared != null) {
            shared.list().forEach(job -> all.put(job.id(), job));
        }
        all.putAll(jobs); // this host's running jobs, fresher than what it published
        return all.values().stream().filter(j -> j.model().equals(model))
                .sorted(Comparator.comparing(BatchJob::createdAt).reversed()).toList();
    }

    /** Asks an active job to stop; it ends CANCELLED with no result. Cancelling an ended job changes nothing. */
    public BatchJob cancel(String model, String id) {
        BatchJob job = get(model, id);
        if (job.state().isActive() && shared != null && !jobs.containsKey(id)) {
            shared.requestCancel(id); // another host runs it and finds the request within a second or so
            return job;
        }
        if (job.state().isActive()) {
            cancelled.put(id, true);
            if (job.state() == BatchJob.State.QUEUED) {
                // it stops as soon as its turn comes; say so now
                job = update(job.with(BatchJob.State.CANCELLED, job.version(), null, Instant.now(), job.progress(), null, null));
            }
        }
        return job;
    }

    /** Deletes an ended job and its result. */
    public void delete(String model, String id) {
        BatchJob job = get(model, id);
        if (job.state().isActive()) {
            throw new ConflictException("Batch job '" + id + "' is " + job.state() + ": cancel it first");
        }
        jobs.remove(id);
        if (shared != null) {
            shared.delete(id);
        }
        Path dir = root.resolve(id);
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete batch job folder " + dir, e);
        }
    }

    /**
     * The result of a SUCCEEDED job, from this host's folder or, with shared storage, from the bucket
     * (the stream fails at its end if the content is not what the job's SHA-256 says).
     */
    public InputStream openResult(String model, String id) {
        BatchJob job = get(model, id);
        if (job.state() != BatchJob.State.SUCCEEDED) {
            throw new ConflictException("Batch job '" + id + "' is " + job.state() + "; its result exists once it has SUCCEEDED"
                    + (job.error() == null ? "" : " (error: " + job.error() + ")"));
        }
        if (shared != null) {
            return shared.openResult(job);
        }
        Path file = resultFile(id, BatchFormat.parse("output", job.output()));
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the result of batch job '" + id + "' at " + file, e);
        }
    }

    /** Subscribes to a job's updates (progress and the final state); returns the handle to unsubscribe with. */
    public Runnable subscribe(String id, Consumer<BatchJob> subscriber) {
        subscribers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(subscriber);
        if (shared != null && !jobs.containsKey(id)) {
            watches.computeIfAbsent(id, k -> watcher.scheduleWithFixedDelay(() -> watch(k), SHARED_EVERY_MILLIS, SHARED_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS));
        }
        return () -> {
            List<Consumer<BatchJob>> list = subscribers.get(id);
            if (list != null) {
                list.remove(subscriber);
            }
        };
    }

    /** Passes on the published updates of a job another host runs, until it ends or nobody listens. */
    private void watch(String id) {
        List<Consumer<BatchJob>> list = subscribers.get(id);
        try {
            Optional<BatchJob> job = list == null || list.isEmpty() ? Optional.empty() : shared.find(id);
            if (job.isPresent()) {
                for (Consumer<BatchJob> subscriber : list) {
                    subscriber.accept(job.get());
                }
            }
            if (job.isPresent() && job.get().state().isActive()) {
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Cannot follow batch job '{}' in shared storage: {}", id, e.getMessage());
            return; // tried again at the next tick
        }
        subscribers.remove(id);
        ScheduledFuture<?> watch = watches.remove(id);
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private Path resultFile(String id, BatchFormat format) {
        return root.resolve(id).resolve("result" + format.suffix());
    }

    private void run(BatchJob queued, Request request, String domain) {
        String id = queued.id();
        Path dir = root.resolve(id);
        Path input = dir.resolve("input");
        if (cancelled.remove(id) != null) {
            deleteQuietly(input);
            return;
        }
        if (cancelRequestedElsewhere(id)) {
            deleteQuietly(input);
            update(queued.with(BatchJob.State.CANCELLED, queued.version(), null, Instant.now(), queued.progress(), null, null));
            return;
        }
        BatchJob job = update(queued.with(BatchJob.State.RUNNING, queued.version(), Instant.now(), null, queued.progress(), null, null));
        Path partial = dir.resolve("result.partial");
        try (VersionScorer scorer = predictor.scorer(request.model(), request.version(), request.mapping())) {
            job = update(job.with(BatchJob.State.RUNNING, scorer.versionNumber(), job.startedAt(), null, job.progress(), null, null));
            Run run = new Run(job, scorer, request.explain());
            try (OutputStream out = Files.newOutputStream(partial); ResultWriter writer = new ResultWriter(request.output(), json, out)) {
                run.writer = writer;
                if (request.dataset() != null) {
                    datasets.forEachRow(request.dataset(), run::accept); // streamed: a stored data set may exceed the heap
                } else {
                    DataAdapter adapter = extensions.adapter(domain, request.format());
                    try (InputStream in = new Counting(Files.newInputStream(input), run)) {
                        adapter.read(in, request.options(), run);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidRequestException("file", "Cannot read the file as " + request.format() + ": " + e.getMessage());
                    }
                }
                run.flush();
            }
            Path result = resultFile(id, request.output());
            move(partial, result);
            // with shared storage the result is in the bucket before the job says SUCCEEDED, so any host can serve it then
            String sha = shared == null ? null : shared.putResult(id, result, request.output());
            update(run.job.with(BatchJob.State.SUCCEEDED, scorer.versionNumber(), job.startedAt(), Instant.now(), run.progress(), run.summary(),
                    null).withResultSha256(sha));
        } catch (Cancelled e) {
            deleteQuietly(partial);
            update(jobs.get(id).with(BatchJob.State.CANCELLED, jobs.get(id).version(), job.startedAt(), Instant.now(), jobs.get(id).progress(),
                    null, null));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partial);
            log.warn("Batch job {} of model '{}' failed", id, request.model(), e);
            String message = e instanceof BaihuaException || e instanceof UncheckedIOException ? e.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            update(jobs.get(id).with(BatchJob.State.FAILED, jobs.get(id).version(), job.startedAt(), Instant.now(), jobs.get(id).progress(),
                    null, message));
        } finally {
            cancelled.remove(id);
            deleteQuietly(input);
        }
    }

    /** Collects rows into batches, scores and writes them in input order, and keeps the counts. */
    private final class Run implements RecordSink {
        BatchJob job;
        final VersionScorer scorer;
        final boolean explain;
        final List<String> labels;
        ResultWriter writer;
        final List<DataRecord> batch = new ArrayList<>(BATCH_ROWS);
        final Map<String, Long> labelCounts = new TreeMap<>();
        final List<RejectedRow> rejections = new ArrayList<>();
        long rows;
        long scored;
        long rejected;
        long bytesRead;
        long lastPublished = System.currentTimeMillis();

        Run(BatchJob job, VersionScorer scorer, boolean explain) {
            this.job = job;
            this.scorer = scorer;
            this.explain = explain;
            this.labels = scorer.labels();
        }

        @Override
        public void accept(DataRecord record) {
            batch.add(record);
            if (batch.size() >= BATCH_ROWS) {
                flush();
            }
        }

        @Override
        public void reject(long line, String reason) {
            flush(); // rows keep their input order
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", line);
            row.putAll(BatchColumns.values(labels, explain, new VersionScorer.Outcome(null, reason), this::explanationJson));
            write(row, false);
            rejected(line, reason);
            rows++;
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            if (cancelled.containsKey(job.id()) || cancelRequestedElsewhere()) {
                throw new Cancelled();
            }
            List<VersionScorer.Outcome> outcomes = scorer.score(batch, explain);
            for (int i = 0; i < batch.size(); i++) {
                DataRecord record = batch.get(i);
                VersionScorer.Outcome outcome = outcomes.get(i);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("line", record.line());
                record.values().forEach(row::putIfAbsent);
                row.putAll(BatchColumns.values(labels, explain, outcome, this::explanationJson));
                write(row, true);
                if (outcome.prediction() != null) {
                    scored++;
                    Prediction p = outcome.prediction();
                    if (p.labels() != null) {
                        p.labels().forEach(l -> labelCounts.merge(l, 1L, Long::sum));
                    } else if (p.label() != null) {
                        labelCounts.merge(p.label(), 1L, Long::sum);
                    }
                } else {
                    rejected(record.line(), outcome.rejected());
                }
            }
            rows += batch.size();
            batch.clear();
            long now = System.currentTimeMillis();
            if (now - lastPublished >= PUBLISH_EVERY_MILLIS) {
                lastPublished = now;
                job = update(job.with(job.state(), job.version(), job.startedAt(), null, progress(), null, null));
            }
        }

        private long lastCancelCheck = System.currentTimeMillis();

        /** Whether another host left a cancel request; the bucket is asked about once a second, not per batch. */
        private boolean cancelRequestedElsewhere() {
            long now = System.currentTimeMillis();
            if (shared == null || now - lastCancelCheck < SHARED_EVERY_MILLIS) {
                return false;
            }
            lastCancelCheck = now;
            return BatchJobs.this.cancelRequestedElsewhere(job.id());
        }

        private void rejected(long line, String reason) {
            rejected++;
            if (rejections.size() < REJECTIONS_KEPT) {
                rejections.add(new RejectedRow(Math.max(0, line), reason == null || reason.isBlank() ? "rejected" : reason));
            }
        }

        private void write(Map<String, Object> row, boolean hasInput) {
            try {
                writer.write(row, hasInput);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the result of batch job '" + job.id() + "'", e);
            }
        }

        private String explanationJson(Prediction.Explanation explanation) {
            try {
                return json.writeValueAsString(explanation);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot serialise an explanation", e);
            }
        }

        BatchJob.Progress progress() {
            return new BatchJob.Progress(rows, bytesRead, job.progress().bytesTotal(), job.progress().datasetRows());
        }

        BatchJob.Summary summary() {
            return new BatchJob.Summary(rows, scored, rejected, labelCounts, rejections);
        }
    }

    /** Counts the bytes the adapter has read, for progress. */
    private static final class Counting extends FilterInputStream {
        private final Run run;

        Counting(InputStream in, Run run) {
            super(in);
            this.run = run;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                run.bytesRead++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                run.bytesRead += n;
            }
            return n;
        }
    }

    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private BatchJob update(BatchJob job) {
        save(job);
        if (publish(job) && shared != null && !job.state().isActive()) {
            // the bucket holds the job now; any host (this one included) reads it from there
            jobs.remove(job.id());
            lastShared.remove(job.id());
            deleteQuietlyTree(root.resolve(job.id()));
        } else {
            jobs.put(job.id(), job); // not published: kept here, and published at the next start
        }
        List<Consumer<BatchJob>> list = subscribers.get(job.id());
        if (list != null) {
            for (Consumer<BatchJob> subscriber : list) {
                try {
                    subscriber.accept(job);
                } catch (RuntimeException e) {
                    list.remove(subscriber);
                    log.warn("A subscriber to batch job '{}' failed and no longer receives updates", job.id(), e);
                }
            }
            if (!job.state().isActive()) {
                subscribers.remove(job.id());
            }
        }
        return job;
    }

    /**
     * Publishes a job to shared storage: every change of state, progress at most once a second.
     *
     * @return false if shared storage refused it (logged; the job goes on, this host still shows it)
     */
    private boolean publish(BatchJob job) {
        if (shared == null) {
            return true;
        }
        long now = System.currentTimeMillis();
        Long last = lastShared.get(job.id());
        boolean progressOnly = job.state() == BatchJob.State.RUNNING && last != null && job.progress().rows() > 0;
        if (progressOnly && now - last < SHARED_EVERY_MILLIS) {
            return true;
        }
        try {
            shared.publish(job);
        } catch (RuntimeException e) {
            log.warn("Batch job '{}' ({}) could not be published to shared storage: {}", job.id(), job.state(), e.getMessage());
            return false;
        }
        lastShared.put(job.id(), now);
        return true;
    }

    /** Whether another host asked to cancel a job; a store that cannot answer now is asked again later. */
    private boolean cancelRequestedElsewhere(String id) {
        try {
            return shared != null && shared.cancelRequested(id);
        } catch (RuntimeException e) {
            log.warn("Cannot look for a cancel request of batch job '{}' in shared storage: {}", id, e.getMessage());
            return false;
        }
    }

    private void save(BatchJob job) {
        Path dir = root.resolve(job.id());
        Path tmp = dir.resolve("job.json.tmp");
        try {
            Files.createDirectories(dir);
            json.writeValue(tmp.toFile(), job);
            move(tmp, dir.resolve("job.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save batch job '" + job.id() + "' in " + dir, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void deleteQuietlyTree(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            log.warn("Cannot delete {}", dir, e);
        }
    }

    private static void deletePartial(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("result.partial"));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}", file, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
