package org.baihua.core.auth;

/**
 * Who made a request.
 *
 * @param name the key's name (or {@code anonymous} on open routes)
 * @param role the key's role
 */
public record Caller(String name, Role role) {

    /** A caller without a key. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.NONE);
}
