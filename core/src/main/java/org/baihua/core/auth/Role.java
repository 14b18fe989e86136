package org.baihua.core.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** API roles, each including the ones below it: admin &sup; trainer &sup; reader. NONE marks open routes. */
public enum Role implements RouteRole {
    NONE,
    READER,
    TRAINER,
    ADMIN;

    /** Whether a caller with this role may use a route that needs {@code required}. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** Parses {@code reader}, {@code trainer} or {@code admin}. */
    public static Role parse(String text) {
        try {
            Role role = valueOf(text.trim().toUpperCase(Locale.ROOT));
            if (role == NONE) {
                throw new IllegalArgumentException();
            }
            return role;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be reader, trainer or admin, was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
