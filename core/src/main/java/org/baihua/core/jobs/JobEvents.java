package org.baihua.core.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.baihua.core.registry.JobInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live job updates for subscribers (the SSE route, the demo's progress line): every progress event
 * and the final state, on the job's thread. A subscriber that throws is logged with its stack and
 * dropped; the job and the other subscribers go on, and nobody should wait on a subscriber alone
 * ({@link TrainingJobs#await} re-reads the store).
 */
public final class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    private final Map<String, List<Consumer<JobInfo>>> subscribers = new ConcurrentHashMap<>();

    /** Subscribes to a job's updates; returns the handle to unsubscribe with. */
    public Runnable subscribe(String jobId, Consumer<JobInfo> subscriber) {
        subscribers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> {
            List<Consumer<JobInfo>> list = subscribers.get(jobId);
            if (list != null) {
                list.remove(subscriber);
            }
        };
    }

    /** The jobs someone is subscribed to. */
    java.util.Set<String> watched() {
        return java.util.Set.copyOf(subscribers.keySet());
    }

    void publish(JobInfo job) {
        List<Consumer<JobInfo>> list = subscribers.get(job.id());
        if (list == null) {
            return;
        }
        for (Consumer<JobInfo> subscriber : list) {
            try {
                subscriber.accept(job);
            } catch (RuntimeException e) {
                list.remove(subscriber);
                log.warn("A subscriber to job '{}' failed on its {} update and no longer receives updates", job.id(),
                        job.state(), e);
            }
        }
        if (!job.state().isActive()) {
            subscribers.remove(job.id());
        }
    }
}
