package org.baihua.core.jobs;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.cluster.ClusterConfig;
import org.baihua.core.cluster.ClusterSignals;
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
import org.baihua.core.training.EncoderTuning;
import org.baihua.core.training.TrainingCancelledException;
import org.baihua.sdk.FieldType;
import org.baihua.sdk.TaskSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous training on a queue shared by every host on the database: a request becomes a QUEUED
 * version and job at once, with the request stored in the job; whichever host has a free slot
 * ({@code jobs.concurrency} per host) claims it ({@link JobStore#claimNext}), trains it, persists
 * and publishes its progress, and the version ends READY, FAILED or CANCELLED. A host is woken by
 * its own submissions, by the other hosts' notifications, and otherwise polls. Every write of a run
 * carries its lease ({@link JobStore.Lease}), so a run whose host was declared lost can never finish
 * the job a second run now holds. When the queue is full a request is refused (503) before anything
 * is written.
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
    private final TrainingMemoryCheck memory;
    private final DomainExtensions extensions;
    private final JobEvents events = new JobEvents();
    private final ExecutorService executor;
    private final org.baihua.core.config.LimitsConfig limits;
    /** This host's runs, by job id. */
    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService leases;
    private final ObjectMapper json;
    private final ClusterSignals signals;
    private final int pollMillis;
    private final Thread dispatcher;
    private final Object wake = new Object();
    private boolean woken;
    private volatile boolean closed;

    private static final long ANNOUNCE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private final Map<String, Long> announced = new ConcurrentHashMap<>();

    /** A run of a job on this host: the lease its writes carry and the token that stops it. */
    private record Run(JobStore.Lease lease, CancellationToken token) {}

    @Inject
    public TrainingJobs(JobsConfig config, JobStore jobs, ModelRegistry registry, DatasetStore datasets, DomainCatalog domains,
                        DomainExtensions extensions, EncoderCatalog encoders, ObjectMapper json, MeterRegistry meters,
                        org.baihua.core.config.LimitsConfig limits, ClusterSignals signals, ClusterConfig cluster) {
        this.config = requireNonNull(config, "config is null");
        this.json = requireNonNull(json, "json is null");
        this.signals = requireNonNull(signals, "signals is null");
        this.pollMillis = cluster.pollMillis();
        this.limits = requireNonNull(limits, "limits is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.datasets = requireNonNull(datasets, "datasets is null");
        this.domains = requireNonNull(domains, "domains is null");
        this.encoders = requireNonNull(encoders, "encoders is null");
        this.run = new TrainingRun(json, extensions, encoders);
        this.memory = new TrainingMemoryCheck(datasets, encoders);
        this.extensions = requireNonNull(extensions, "extensions is null");
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
        this.dispatcher = new Thread(this::dispatch, "baihua-job-dispatcher");
        dispatcher.setDaemon(true);
        signals.subscribe(QUEUE_TOPIC, payload -> wake());
        signals.subscribe(JOB_TOPIC, this::relay);
        signals.poll(this::relayWatched);
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

    /**
     * Fails (or, with {@code jobs.lost-policy=requeue}, re-queues once) the jobs a crash or kill of this
     * host left RUNNING, then starts taking jobs from the queue; production versions are untouched.
     * Call once, after the plugins are loaded.
     */
    public RecoveryReport recover() {
        RecoveryReport report = jobs.recoverInterrupted(config.hostId(), config.requeueLost());
        deleteQuietly(encoders.tuningScratch()); // encoders of jobs a crash interrupted
        log.info("Recovered interrupted training: {}", report);
        if (!dispatcher.isAlive() && !closed) {
            dispatcher.start();
        }
        return report;
    }

    /** Topic of "a job was queued or re-queued": free hosts look at the queue. */
    static final String QUEUE_TOPIC = "jobs.queued";
    /** Topic of "job X changed": hosts streaming its events re-read it. */
    static final String JOB_TOPIC = "jobs.changed";

    private void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    /** Claims queued jobs while this host has free slots; sleeps until woken or the poll interval passes. */
    private void dispatch() {
        while (!closed) {
            try {
                while (!closed && running.size() < config.concurrency()) {
                    Optional<JobStore.Claim> claim = jobs.claimNext(config.hostId());
                    if (claim.isEmpty()) {
                        break;
                    }
                    start(claim.get());
                }
            } catch (RuntimeException e) {
                log.warn("Could not take a job from the queue: {}", e.getMessage(), e);
            }
            synchronized (wake) {
                try {
                    if (!woken) {
                        wake.wait(pollMillis);
                    }
                } catch (InterruptedException e) {
                    return; // closing
                }
                woken = false;
            }
        }
    }

    private void start(JobStore.Claim claim) {
        JobInfo job = claim.job();
        if (claim.lease() == null) {
            log.warn("Job '{}' could not run: {}", job.id(), job.error());
            publish(job);
            return;
        }
        JobStore.Lease lease = claim.lease();
        CancellationToken token = new CancellationToken();
        running.put(job.id(), new Run(lease, token));
        publish(job);
        try {
            TrainingSpec spec = json.readValue(claim.spec(), TrainingSpec.class);
            // the plugin version of the lineage: a newer one installed meanwhile does not change this training
            org.baihua.core.registry.Lineage lineage = registry.version(job.model(), job.version()).lineage();
            domains.domainAt(spec.domain(), lineage.pluginVersion()); // loads an unloaded version again
            PluginPin pin = new PluginPin(lineage.pluginId(), lineage.pluginVersion());
            TaskSpec task = domains.task(spec.domain(), spec.task(), pin);
            executor.execute(() -> execute(lease, spec, pin, task, token));
        } catch (java.io.IOException | RuntimeException e) {
            running.remove(job.id());
            String reason = "host '" + config.hostId() + "' cannot run the job: " + (e.getMessage() == null ? e : e.getMessage());
            log.warn("Job '{}': {}", job.id(), reason);
            try {
                publish(jobs.failTraining(lease, reason));
            } catch (RuntimeException again) {
                log.warn("Could not record the failure of job '{}': {}", job.id(), again.getMessage());
            }
        }
    }

    /** Publishes an update to this host's subscribers and tells the other hosts, whose subscribers may watch it too. */
    private void publish(JobInfo job) {
        events.publish(job);
        // Progress is announced at most every 250 ms per job (an epoch can take a millisecond); a change of state always.
        long now = System.nanoTime();
        Long last = announced.get(job.id());
        if (!job.state().isActive()) {
            announced.remove(job.id());
        } else if (last != null && now - last < ANNOUNCE_INTERVAL_NANOS && job.state() == JobState.RUNNING
                && job.progress() != null && !"queued".equals(job.progress().phase())) {
            return;
        } else {
            announced.put(job.id(), now);
        }
        signals.send(JOB_TOPIC, job.id());
    }

    /** Another host changed a job: this host's subscribers to it get the update. */
    private void relay(String jobId) {
        if (events.watched().contains(jobId) && !running.containsKey(jobId)) {
            jobs.find(jobId).ifPresent(events::publish);
        }
    }

    /** Without notifications, subscribers to jobs running elsewhere still see them move at each poll. */
    private void relayWatched() {
        for (String id : events.watched()) {
            relay(id);
        }
    }

    /**
     * Renews this host's job lease and fails the jobs of hosts whose lease ran out: with several hosts
     * on one database, a host killed mid-job leaves no job RUNNING for ever, and nothing half-written
     * is served (a version becomes READY only after its artifact is stored).
     */
    private void renewLeases() {
        try {
            jobs.heartbeat(config.hostId());
            // A run whose job another host failed or re-queued (this host was taken for lost), or whose job
            // was asked to stop on another host, stops; its writes would be refused anyway.
            java.util.Set<JobStore.Lease> held = jobs.stillHeld(running.values().stream().map(Run::lease).toList());
            for (Run run : running.values()) {
                if (!held.contains(run.lease())) {
                    run.token().cancel();
                }
            }
            boolean requeued = false;
            for (JobStore.LostJob lost : jobs.recoverLost(config.hostId(),
                    java.time.Instant.now().minusSeconds(config.leaseSeconds()), config.requeueLost())) {
                JobInfo job = jobs.get(lost.id());
                log.warn("Job '{}' (model '{}' version {}) {}: {}", lost.id(), job.model(), job.version(),
                        lost.requeued() ? "re-queued" : "failed", job.error());
                publish(job);
                requeued |= lost.requeued();
            }
            if (requeued) {
                signals.send(QUEUE_TOPIC, config.hostId());
                wake();
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the job lease of host '{}': {}", config.hostId(), e.getMessage());
        }
    }

    /** The most hidden layers a head may have. */
    static final int MAX_HIDDEN_LAYERS = 16;

    /**
     * Refuses a head larger than {@code limits.max-head-parameters} before anything is queued. The
     * input width is a lower bound (text: the encoder's width; tabular: one per input field, before
     * one-hot encoding widens it), so a refused head is certainly too large.
     */
    private long checkHeadSize(org.baihua.sdk.HeadSpec head, int inputWidth, int outputs) {
        // A deep stack of narrow layers passes the parameter bound yet trains nothing a few layers would not
        // (the probe's 10,000 one-unit layers ran to SUCCEEDED): refuse it by depth too.
        if (head.hiddenLayers().size() > MAX_HIDDEN_LAYERS) {
            throw new InvalidRequestException("head.hiddenLayers", "head.hiddenLayers has " + head.hiddenLayers().size()
                    + " layers; at most " + MAX_HIDDEN_LAYERS);
        }
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

    /**
     * What the plugin's head designer prefers for the encoder when the request does not say (frozen
     * without a preference, without a text field, or when the task's encoder cannot be trained).
     */
    private EncoderTuning designerTuning(TrainingSpec request, TaskSpec task, DatasetInfo dataset, EncoderChoice choice) {
        if (choice == null) {
            return EncoderTuning.frozen();
        }
        EncoderTuning preferred;
        try {
            preferred = extensions.headDesigner(request.domain(), request.task())
                    .flatMap(d -> d.encoderTraining(task, new org.baihua.sdk.DataProfile(dataset.rows(), dataset.labelCounts(),
                            encoders.spec(choice.encoderId()).dimensions())))
                    .map(EncoderTuning::of)
                    .orElse(EncoderTuning.frozen());
        } catch (RuntimeException e) {
            log.warn("The head designer of {}/{} failed to state its encoder training; the encoder stays frozen: {}",
                    request.domain(), request.task(), e.toString());
            return EncoderTuning.frozen();
        }
        if (preferred.trainsEncoder() && encoders.spec(choice.encoderId()).precision() != org.baihua.core.encoder.Precision.FP32) {
            log.info("The head designer of {}/{} asks for encoder mode {}, but encoder '{}' is not fp32: it stays frozen",
                    request.domain(), request.task(), preferred.mode().key(), choice.encoderId());
            return EncoderTuning.frozen();
        }
        return preferred;
    }

    /** Refuses a fine-tuning request that cannot work before anything is queued. */
    private void checkFineTunable(TaskSpec task, EncoderChoice choice) {
        if (choice == null) {
            throw new InvalidRequestException("training.encoder.mode", "Task '" + task.id() + "' has no text field, so there"
                    + " is no encoder to fine-tune; use \"mode\": \"frozen\" (the default)");
        }
        org.baihua.core.encoder.EncoderSpec spec = encoders.spec(choice.encoderId());
        if (spec.precision() != org.baihua.core.encoder.Precision.FP32) {
            List<String> fp32 = encoders.encoders().stream()
                    .filter(e -> e.precision() == org.baihua.core.encoder.Precision.FP32).map(e -> e.id()).toList();
            throw new InvalidRequestException("training.encoder.mode", "Encoder '" + spec.id() + "' (" + choice.reason()
                    + ") is " + spec.precision().key() + "; fine-tuning needs an fp32 encoder: name one with \"encoder\""
                    + (fp32.isEmpty() ? " (none is installed)" : ", for example \"" + fp32.get(0) + "\" (fp32: " + fp32 + ")"));
        }
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
        MinimumRows.check(task, dataset);
        boolean hasText = task.inputs().stream().anyMatch(f -> f.type() == FieldType.TEXT);
        EncoderChoice choice = hasText ? EncoderChoice.choose(request.encoder(), task, dataset, encoders) : null;
        EncoderTuning tuning;
        if (request.training().encoderRequested()) {
            tuning = request.training().encoder();
            if (tuning.trainsEncoder()) {
                checkFineTunable(task, choice);
            }
        } else {
            tuning = designerTuning(request, task, dataset, choice);
        }
        TrainingSpec spec = new TrainingSpec(request.name(), request.domain(), request.task(), request.dataset(), request.head(),
                request.training().withBatchSizeForDataset(dataset.rows()).toBuilder().optEncoder(tuning).build(),
                hasText ? choice.encoderId() : request.encoder(), request.longText());
        String encoderId = hasText ? choice.encoderId() : "none";
        Lineage lineage = new Lineage(dataset.id(), dataset.contentHash(), domain.pluginId(), domain.pluginVersion(), encoderId,
                spec.head() != null ? spec.head() : task.head(), spec.training().asMap(), spec.training().seed(), caller,
                hasText ? choice.reason() : null);
        int width = hasText ? encoders.forTask(spec.encoder()).dimensions() : task.inputs().size();
        long headParameters = checkHeadSize(spec.head() != null ? spec.head() : task.head(), width,
                task.labelsFromData() ? 2 : Math.max(2, task.labels().size()));
        memory.beforeQueueing(task, dataset, hasText ? choice.encoderId() : null, spec.training(), headParameters);
        // The queue is shared: count what waits over all hosts, plus the slots this host would fill at once.
        int idle = Math.max(0, config.concurrency() - running.size());
        if (jobs.countQueued() >= config.queueLength() + idle) {
            throw new org.baihua.core.OverloadedException("The training queue is full (" + config.queueLength()
                    + " jobs waiting besides those running, config keys " + JobsConfig.QUEUE_LENGTH + " and "
                    + JobsConfig.CONCURRENCY + "); try again when a job has finished", 30);
        }
        String stored;
        try {
            stored = json.writeValueAsString(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot store the training request of model '" + spec.name() + "'", e);
        }
        JobStore.QueuedTraining queued = jobs.queueTraining(spec.name(), spec.domain(), spec.task(), lineage, config.hostId(),
                stored);
        wake();
        signals.send(QUEUE_TOPIC, queued.job().id());
        return queued;
    }

    /** Asks a job to stop: a queued one is cancelled at once, a running one at its next check. */
    public JobInfo cancel(String jobId) {
        JobInfo job = jobs.requestCancel(jobId);
        Run run = running.get(jobId);
        if (run != null) {
            run.token().cancel();
        }
        if (job.state() == JobState.CANCELLED) {
            publish(job);
        }
        // a run on another host sees the request at its next lease renewal
        return job;
    }

    private void execute(JobStore.Lease lease, TrainingSpec spec, PluginPin pin, TaskSpec task, CancellationToken token) {
        String jobId = lease.jobId();
        JobInfo claimed = jobs.get(jobId);
        String model = claimed.model();
        int version = claimed.version();
        java.nio.file.Path workDir = encoders.tuningScratch().resolve(jobId);
        // read from disk on each pass of the run, never held whole
        try (StoredRows rows = new StoredRows(() -> datasets.openRows(spec.dataset()),
                Math.toIntExact(datasets.get(spec.dataset()).rows()))) {
            TrainingRun.Output output = run.run(spec, pin, task, rows, model + "-v" + version,
                    config.threads(), new TrainingRun.Progress() {
                        // Later phases keep the last epoch, so a client that subscribes late still sees how training went.
                        private JobProgress last = new JobProgress("queued", 0, 0, null, null);

                        @Override
                        public void phase(String phase) {
                            last = new JobProgress(phase, last.epoch(), last.epochs(), last.loss(), last.validationMetric(),
                                    last.step(), last.steps(), last.tokensPerSecond(), last.etaSeconds());
                            publish(jobs.progress(lease, last));
                        }

                        @Override
                        public void epoch(JobProgress progress) {
                            last = progress;
                            publish(jobs.progress(lease, progress));
                        }
                    }, token, workDir);
            publish(jobs.finishTraining(lease, output.headOnnx(), output.bundleJson(), output.result(),
                    output.encoderDirectory()));
            log.info("Model '{}' version {} is READY", model, version);
        } catch (JobStore.LeaseLostException e) {
            log.warn("Training of model '{}' version {} stopped: {}", model, version, e.getMessage());
        } catch (TrainingCancelledException e) {
            try {
                publish(jobs.cancelTraining(lease));
            } catch (JobStore.LeaseLostException lost) {
                log.warn("Training of model '{}' version {} stopped: {}", model, version, lost.getMessage());
            }
        } catch (RuntimeException | Error e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Training of model '{}' version {} failed: {}", model, version, reason, e);
            try {
                publish(jobs.failTraining(lease, reason));
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                log.error("Could not record the failure of job '{}'", jobId, again);
            }
        } finally {
            deleteQuietly(workDir); // a fine-tuned encoder is in the artifact now, or not wanted
            running.remove(jobId);
            wake(); // a slot is free
        }
    }

    private static void deleteQuietly(java.nio.file.Path folder) {
        if (!java.nio.file.Files.exists(folder)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(folder)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            log.warn("Could not delete {}: {}", folder, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        leases.shutdownNow();
        running.values().forEach(r -> r.token().cancel());
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
