package org.baihua.sdk.testkit;

import java.util.function.Supplier;

/**
 * A value computed once, on first use, shared by the checks that need it (a sample read once for
 * all its checks). A failure is remembered too, so every check that needs the value reports it.
 */
final class Memo<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private T value;
    private RuntimeException failure;
    private boolean done;

    Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public synchronized T get() {
        if (!done) {
            try {
                value = compute.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            done = true;
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
