package org.baihua.core.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.baihua.core.registry.JobInfo;

/**
 * Live job updates for subscribers (the SSE route): every progress event and the final state. A
 * subscriber that throws is dropped; the job itself never waits for one.
 */
public final class JobEvents {

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
            }
        }
        if (job.state().ordinal() >= org.baihua.core.registry.JobState.SUCCEEDED.ordinal()) {
            subscribers.remove(job.id());
        }
    }
}
