package org.baihua.core.registry;

import java.util.function.Supplier;

/**
 * Who is making the current change, for the model history: the REST layer sets it for the request
 * thread (registry events are published on the thread that made the change); elsewhere it is
 * {@code registry}.
 */
public final class ChangeAuthor {

    private static final ThreadLocal<Supplier<String>> CURRENT = new ThreadLocal<>();

    private ChangeAuthor() {}

    /** Sets the author of changes made on this thread until {@link #clear()}. */
    public static void set(Supplier<String> author) {
        CURRENT.set(author);
    }

    /** Forgets the author of this thread. */
    public static void clear() {
        CURRENT.remove();
    }

    /** The author of changes made on this thread now. */
    public static String current() {
        Supplier<String> author = CURRENT.get();
        String name = author == null ? null : author.get();
        return name == null || name.isBlank() ? "registry" : name;
    }
}
