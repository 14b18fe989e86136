package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.baihua.core.registry.JobInfo;
import org.baihua.core.registry.JobProgress;
import org.baihua.core.registry.JobState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JobEventsTest {

    private final JobEvents events = new JobEvents();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(JobEvents.class);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    private static JobInfo job(JobState state) {
        Instant now = Instant.now();
        return new JobInfo("job-1", "m", 1, "host", state, JobProgress.queued(), null, false, now, null, null, now);
    }

    @Test
    void aFailingSubscriberIsLoggedAndDroppedWhileTheOthersKeepReceiving() {
        List<JobState> seen = new ArrayList<>();
        int[] calls = {0};
        events.subscribe("job-1", job -> {
            calls[0]++;
            throw new IllegalStateException("broken client");
        });
        events.subscribe("job-1", job -> seen.add(job.state()));

        events.publish(job(JobState.RUNNING));
        events.publish(job(JobState.RUNNING));

        assertThat(calls[0]).isEqualTo(1);
        assertThat(seen).containsExactly(JobState.RUNNING, JobState.RUNNING);
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("job-1").contains("failed");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("broken client");
        });
    }

    @Test
    void everyEndingStateEndsTheSubscriptions() {
        for (JobState end : List.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)) {
            List<JobState> seen = new ArrayList<>();
            events.subscribe("job-1", job -> seen.add(job.state()));
            events.publish(job(end));
            events.publish(job(JobState.RUNNING)); // nobody is subscribed any more
            assertThat(seen).as("after %s", end).containsExactly(end);
        }
    }
}
