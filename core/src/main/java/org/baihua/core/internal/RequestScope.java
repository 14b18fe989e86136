package org.baihua.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/**
 * The cancellation state of one HTTP request: cancelled when its deadline passes or its client
 * disconnects. Long work on the request's behalf (the encoder's workers, the predictor) checks it
 * and drops what is left. It is bound to the request's thread, like gRPC's {@code Context}, so that
 * the encoder interface every plugin-facing layer passes texts through needs no extra parameter;
 * work started outside a request sees {@link #NONE}, which is never cancelled.
 */
public final class RequestScope implements AutoCloseable {

    /** The scope of work that belongs to no request (training, start-up): never cancelled. */
    public static final RequestScope NONE = new RequestScope(null);

    private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

    private final String description;
    private final List<Consumer<RequestCancelledException>> listeners = new CopyOnWriteArrayList<>();
    private volatile RequestCancelledException cancellation;

    private RequestScope(String description) {
        this.description = description;
    }

    /** Opens a scope for {@code description} (for example {@code POST /api/v1/models/x/predict}) and binds it to this thread. */
    public static RequestScope open(String description) {
        RequestScope scope = new RequestScope(description);
        CURRENT.set(scope);
        return scope;
    }

    /** The scope bound to this thread, or {@link #NONE}. */
    public static RequestScope current() {
        RequestScope scope = CURRENT.get();
        return scope == null ? NONE : scope;
    }

    /**
     * Cancels the scope once; later calls do nothing. Listeners run on the calling thread.
     *
     * @param kind {@code UNAVAILABLE} for a client that went away, {@code TIMEOUT} for a passed deadline
     */
    public void cancel(Kind kind, String reason) {
        if (this == NONE) {
            return;
        }
        RequestCancelledException e;
        synchronized (this) {
            if (cancellation != null) {
                return;
            }
            e = new RequestCancelledException(kind, reason);
            cancellation = e;
        }
        for (Consumer<RequestCancelledException> listener : listeners) {
            listener.accept(e);
        }
    }

    /** Whether the scope was cancelled. */
    public boolean cancelled() {
        return cancellation != null;
    }

    /** @throws RequestCancelledException if the scope was cancelled */
    public void check() {
        RequestCancelledException e = cancellation;
        if (e != null) {
            throw new RequestCancelledException(e.kind(), e.getMessage());
        }
    }

    /**
     * Calls {@code listener} when the scope is cancelled (at once if it already is) until the
     * returned registration is closed.
     */
    public Registration onCancel(Consumer<RequestCancelledException> listener) {
        if (this == NONE) {
            return () -> {};
        }
        listeners.add(listener);
        RequestCancelledException e = cancellation;
        if (e != null) {
            listener.accept(e);
        }
        return () -> listeners.remove(listener);
    }

    /** Unbinds the scope from this thread. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
        listeners.clear();
    }

    @Override
    public String toString() {
        return description == null ? "no request" : description;
    }

    /** A listener registration; closing it removes the listener. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** The work of a request was stopped: its deadline passed (504) or its client went away (503). */
    public static final class RequestCancelledException extends BaihuaException {
        private static final long serialVersionUID = 1L;

        RequestCancelledException(Kind kind, String reason) {
            super(kind, reason);
        }
    }
}
