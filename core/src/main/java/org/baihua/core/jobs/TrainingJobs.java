package org.baihua.core.jobs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.core.plugin.DomainExtensions;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobProgress;
import org.baihua.core.registry.JobState;
import org.baihua.core.registry.JobStore;
import org.baihua.core.registry.Lineage;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.RecoveryReport;
import org.baihua.core.training.CancellationToken;
import org.baihua.core.training.TrainingCancelledException;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous training: a request becomes a QUEUED version and job at once, a bounded executor
 * trains it, progress is persisted and published, and the version ends READY, FAILED or CANCELLED.
 * When the queue is full a request is refused (503) before anything is written.
 */
public final class TrainingJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobs.class);
    private static final long AWAIT_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JobsConfig config;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final DatasetStore datasets;
    private final DomainCatalog domains;
    private final EncoderCatalog encoders;
    private final TrainingRun run;
    private final JobEvents events = new JobEvents();
    private final ExecutorService executor;
    private final Semaphore capacity;
    private final org.baihua.core.config.LimitsConfig limits;
    private final Map<String, CancellationToken> tokens = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService leases;

    @Inject
    public TrainingJobs(JobsConfig config, JobStore jobs, ModelRegistry registry, DatasetStore datasets, DomainCatalog domains,
                        DomainExtensions extensions, EncoderCatalog encoders, ObjectMapper json, MeterRegistry meters,
                        org.baihua.core.config.LimitsConfig limits) {
        this.config = requireNonNull(config, "config is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.encoders = requireNonNull(encoders, "encoders is null");
        this.run = new TrainingRun(json, extensions, encoders);
        this.capacity = new Semaphore(config.concurrency() + config.queueLength());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "baihua-training-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.leases = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baihua-job-lease");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, config.leaseSeconds() * 1000L / 4);
        leases.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
        JobCounts counts = new JobCounts(jobs);
        for (JobState state : JobState.values()) {
            meters.gauge("baihua.training.jobs", List.of(io.micrometer.core.instrument.Tag.of("state", state.name())), counts,
                    c -> c.count(state));
        }
    }

    /**
     * Waits until job {@code jobId} has ended and returns it. Updates go to {@code onUpdate} as they
     * happen; the end is read from the store as well, so a failing subscriber cannot make this hang.
     *
     * @throws org.baihua.core.NotFoundException if there is no such job
     * @throws BaihuaException UNAVAILABLE if the job is still active after {@code timeout}, or the thread is interrupted
     */
    public JobInfo await(String jobId, Duration timeout, Consumer<JobInfo> onUpdate) {
        requireNonNull(onUpdate, "onUpdate is null");
        Object signal = new Object();
        Runnable unsubscribe = events.subscribe(jobId, job -> {
            synchronized (signal) {
                signal.notifyAll();
            }
            onUpdate.accept(job);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JobInfo job = jobs.get(jobId); // read after subscribing, so no ending is missed
                if (!job.state().isActive()) {
                    return job;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BaihuaException(Kind.UNAVAILABLE, "Job '" + jobId + "' is still " + job.state() + " after "
                            + timeout.toSeconds() + " s");
                }
                synchronized (signal) {
                    // woken by any update; the bound re-reads the store even if no update comes
                    TimeUnit.NANOSECONDS.timedWait(signal, Math.min(left, AWAIT_RECHECK_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaihuaException(Kind.UNAVAILABLE, "Interrupted while waiting for job '" + jobId + "'", e);
        } finally {
            unsubscribe.run();
        }
    }

    /** Waits until job {@code jobId} has ended, as {@link #await(String, Duration, Consumer)} without updates. */
    public JobInfo await(String jobId, Duration timeout) {
        return await(jobId, timeout, job -> { });
    }

    /** Fails the jobs a crash or kill left QUEUED or RUNNING; production versions are untouched. */
    public RecoveryReport recover() {
        RecoveryReport report = jobs.recoverInterrupted(config.hostId());
        log.info("Recovered interrupted training: {}", report);
        return report;
    }

    /**
     * Renews this host's job lease and fails the jobs of hosts whose lease ran out: with several hosts
     * on one database, a host killed mid-job leaves no job RUNNING for ever, and nothing half-written
     * is served (a version becomes READY only after its artifact is stored).
     */
    private void renewLeases() {
        try {
            jobs.heartbeat(config.hostId());
            for (String id : jobs.failLost(config.hostId(), java.time.Instant.now().minusSeconds(config.leaseSeconds()))) {
                JobInfo job = jobs.get(id);
                log.warn("Job '{}' (model '{}' version {}) failed: {}", id, job.model(), job.version(), job.error());
                events.publish(job);
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the job lease of host '{}': {}", config.hostId(), e.getMessage());
        }
    }

    /**
     * Refuses a head larger than {@code limits.max-head-parameters} before anything is queued. The
     * input width is a lower bound (text: the encoder's width; tabular: one per input field, before
     * one-hot encoding widens it), so a refused head is certainly too large.
     */
    private long checkHeadSize(org.baihua.sdk.HeadSpec head, int inputWidth, int outputs) {
        long parameters = 0;
        long width = inputWidth;
        for (int hidden : head.hiddenLayers()) {
            parameters += width * hidden + hidden;
            width = hidden;
        }
        parameters += width * outputs + outputs;
        if (parameters > limits.maxHeadParameters()) {
            throw new InvalidRequestException("head.hiddenLayers", "head.hiddenLayers " + head.hiddenLayers() + " gives at least "
                    + parameters + " trainable parameters; at most " + limits.maxHeadParameters() + " (config key "
                    + org.baihua.core.config.LimitsConfig.MAX_HEAD_PARAMETERS + ")");
        }
        return parameters;
    }

    /** Live updates of jobs, for the SSE route. */
    public JobEvents events() {
        return events;
    }

    /**
     * Queues a new version of {@code spec.name()} for training.
     *
     * @throws BaihuaException UNAVAILABLE when the queue is full, NOT_FOUND / BAD_REQUEST / CONFLICT for bad requests
     */
    public JobStore.QueuedTraining submit(TrainingSpec request, String caller) {
        return submit(request, null, caller);
    }

    /**
     * Queues a new version trained with version {@code pluginVersion} of the domain's plugin (null:
     * the current version, the newest started one).
     */
    public JobStore.QueuedTraining submit(TrainingSpec request, String pluginVersion, String caller) {
        DomainCatalog.Entry domain = domains.domainAt(request.domain(), pluginVersion);
        PluginPin pin = new PluginPin(domain.pluginId(), domain.pluginVersion());
        TaskSpec task = domains.task(request.domain(), request.task(), pin);
        DatasetInfo dataset = datasets.find(request.dataset())
                .orElseThrow(() -> new org.baihua.core.NotFoundException("Data set '" + request.dataset() + "' not found"));
        if (!dataset.domain().equals(request.domain()) || !dataset.task().equals(request.task())) {
            throw new InvalidRequestException("dataset", "Data set '" + dataset.id() + "' was ingested for " + dataset.domain() + "/"
                    + dataset.task() + ", not " + request.domain() + "/" + request.task());
        }
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        EncoderChoice choice = hasText ? EncoderChoice.choose(request.encoder(), task, dataset, encoders) : null;
        TrainingSpec spec = new TrainingSpec(request.name(), request.domain(), request.task(), request.dataset(), request.head(),
                request.training().withBatchSizeForDataset(dataset.rows()), hasText ? choice.encoderId() : request.encoder(),
                request.longText());
        String encoderId = hasText ? choice.encoderId() : "none";
        Lineage lineage = new Lineage(dataset.id(), dataset.contentHash(), domain.pluginId(), domain.pluginVersion(), encoderId,
                spec.head() != null ? spec.head() : task.head(), spec.training().asMap(), spec.training().seed(), caller,
                hasText ? choice.reason() : null);
        int width = hasText ? encoders.forTask(spec.encoder()).dimensions() : task.inputs().size();
        long headParameters = checkHeadSize(spec.head() != null ? spec.head() : task.head(), width,
                task.labelsFromData() ? 2 : Math.max(2, task.labels().size()));
        TrainingMemory.check(TrainingMemory.estimate(dataset.rows(), task.inputs().size() + 1, width, headParameters),
                TrainingMemory.availableHeap(), "data set '" + dataset.id() + "' (" + dataset.rows() + " rows)");
        if (!capacity.tryAcquire()) {
            throw new org.baihua.core.OverloadedException("The training queue is full (" + (config.concurrency() + config.queueLength())
                    + " jobs queued or running, config keys " + JobsConfig.CONCURRENCY + " and " + JobsConfig.QUEUE_LENGTH
                    + "); try again when a job has finished", 30);
        }
        JobStore.QueuedTraining queued;
        try {
            queued = jobs.queueTraining(spec.name(), spec.domain(), spec.task(), lineage, config.hostId());
        } catch (RuntimeException e) {
            capacity.release();
            throw e;
        }
        CancellationToken token = new CancellationToken();
        tokens.put(queued.job().id(), token);
        try {
            executor.execute(() -> execute(queued, spec, task, token));
        } catch (RuntimeException e) {
            tokens.remove(queued.job().id());
            capacity.release();
            throw e;
        }
        return queued;
    }

    /** Asks a job to stop: a queued one is cancelled at once, a running one at its next check. */
    public JobInfo cancel(String jobId) {
        JobInfo job = jobs.requestCancel(jobId);
        CancellationToken token = tokens.get(jobId);
        if (token != null) {
            token.cancel();
        }
        if (job.state() == JobState.CANCELLED) {
            events.publish(job);
        }
        return job;
    }

    private void execute(JobStore.QueuedTraining queued, TrainingSpec spec, TaskSpec task, CancellationToken token) {
        String jobId = queued.job().id();
        String model = queued.version().model();
        int version = queued.version().version();
        try {
            if (token.isCancelled()) {
                return; // cancelled while queued: cancel() has recorded it
            }
            JobInfo started;
            try {
                started = jobs.startTraining(jobId);
            } catch (ConflictException e) {
                return; // cancelled between the check and the start
            }
            events.publish(started);
            // the plugin version of the lineage: a newer one installed meanwhile does not change this training
            PluginPin pin = new PluginPin(queued.version().lineage().pluginId(), queued.version().lineage().pluginVersion());
            TrainingRun.Output output = run.run(spec, pin, task, datasets.readRows(spec.dataset()), model + "-v" + version,
                    config.threads(), new TrainingRun.Progress() {
                        // Later phases keep the last epoch, so a client that subscribes late still sees how training went.
                        private JobProgress last = new JobProgress("queued", 0, 0, null, null);

                        @Override
                        public void phase(String phase) {
                            last = new JobProgress(phase, last.epoch(), last.epochs(), last.loss(), last.validationMetric());
                            events.publish(jobs.progress(jobId, last));
                        }

                        @Override
                        public void epoch(JobProgress progress) {
                            last = progress;
                            events.publish(jobs.progress(jobId, progress));
                        }
                    }, token);
            events.publish(jobs.finishTraining(jobId, output.headOnnx(), output.bundleJson(), output.result()));
            log.info("Model '{}' version {} is READY", model, version);
        } catch (TrainingCancelledException e) {
            events.publish(jobs.cancelTraining(jobId));
        } catch (RuntimeException | Error e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Training of model '{}' version {} failed: {}", model, version, reason, e);
            try {
                events.publish(jobs.failTraining(jobId, reason));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                log.error("Could not record the failure of job '{}'", jobId, again);
            }
        } finally {
            tokens.remove(jobId);
            capacity.release();
        }
    }

    @Override
    public void close() {
        leases.shutdownNow();
        tokens.values().forEach(CancellationToken::cancel);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Training jobs did not stop within 30 s; they will be marked failed at the next start");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
