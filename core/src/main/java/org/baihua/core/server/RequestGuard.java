package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.config.LimitsConfig;
import org.baihua.core.internal.RequestScope;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a {@link RequestScope} that is cancelled when its deadline
 * ({@code limits.request-timeout-ms}) passes or, once its body is read, when its client closes the
 * connection, so that work queued for a caller who is gone is dropped instead of run.
 */
final class RequestGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
    private static final String STATE = "baihua.request.guard";

    private final LimitsConfig limits;
    private final ScheduledThreadPoolExecutor timer;

    @Inject
    RequestGuard(LimitsConfig limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Opens the request's scope on the handling thread and arms its deadline. */
    void open(Context ctx) {
        RequestScope scope = RequestScope.open(ctx.method() + " " + ctx.path());
        long timeout = limits.requestTimeoutMillis();
        ScheduledFuture<?> deadline = timer.schedule(() -> scope.cancel(Kind.TIMEOUT, "The request did not finish within "
                + timeout + " ms (config key " + LimitsConfig.REQUEST_TIMEOUT_MS + "); its work was stopped"), timeout, TimeUnit.MILLISECONDS);
        ctx.attribute(STATE, new State(scope, deadline));
    }

    /** Disarms the deadline, stops watching the connection and unbinds the scope. */
    void close(Context ctx) {
        State state = ctx.attribute(STATE);
        if (state != null) {
            state.deadline.cancel(false);
            state.stopWatching();
            state.scope.close();
            if (state.pipelined) {
                ctx.header("Connection", "close");
            }
        }
    }

    /**
     * Starts watching the client's connection; call once the request body is read whole (before,
     * the connection's own reads need the fill interest).
     */
    static void watchDisconnect(Context ctx) {
        State state = ctx.attribute(STATE);
        if (state == null) {
            return;
        }
        Request base = Request.getBaseRequest(ctx.req());
        if (base == null || base.getHttpChannel() == null) {
            return;
        }
        state.watch(base.getHttpChannel().getEndPoint(), ctx);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request's scope, deadline and connection watch. */
    private static final class State {
        final RequestScope scope;
        final ScheduledFuture<?> deadline;
        private EndPoint endPoint;
        private Callback watcher;
        private volatile boolean pipelined;

        State(RequestScope scope, ScheduledFuture<?> deadline) {
            this.scope = scope;
            this.deadline = deadline;
        }

        synchronized void watch(EndPoint endPoint, Context ctx) {
            if (watcher != null || endPoint == null) {
                return;
            }
            Callback callback = new Callback() {
                @Override
                public void succeeded() {
                    // Readable while the client waits for its answer: either the end of the stream
                    // (it went away) or a pipelined request, which HTTP/1.1 clients do not send
                    // after a POST; the byte read then is lost, so the connection is closed after
                    // this answer.
                    ByteBuffer buffer = BufferUtil.allocate(1);
                    try {
                        int read = endPoint.fill(buffer);
                        if (read < 0) {
                            log.info("The client of {} closed the connection; its work is dropped", scope);
                            scope.cancel(Kind.UNAVAILABLE, "The client closed the connection; the request's work was stopped");
                        } else if (read > 0) {
                            log.warn("Data pipelined behind {} while it ran; the connection closes after the answer", scope);
                            pipelined = true;
                        } else {
                            endPoint.tryFillInterested(this);
                        }
                    } catch (IOException e) {
                        scope.cancel(Kind.UNAVAILABLE, "The client connection failed (" + e.getMessage() + "); the request's work was stopped");
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    if (!(cause instanceof StopWatching)) {
                        scope.cancel(Kind.UNAVAILABLE, "The client connection closed; the request's work was stopped");
                    }
                }
            };
            if (endPoint.tryFillInterested(callback)) {
                this.endPoint = endPoint;
                this.watcher = callback;
            }
        }

        synchronized void stopWatching() {
            if (watcher != null && endPoint instanceof AbstractEndPoint abstractEndPoint && abstractEndPoint.isFillInterested()) {
                // Hands the connection back to Jetty, which registers its own interest after the answer.
                abstractEndPoint.getFillInterest().onFail(new StopWatching());
            }
            watcher = null;
        }
    }

    /** Marks the end of a watch we asked for, as opposed to a connection failure. */
    private static final class StopWatching extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopWatching() {
            super("request finished", null, false, false);
        }
    }
}
