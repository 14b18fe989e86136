package org.baihua.core.auth;

import java.util.Objects;

/**
 * A stored API key: only its SHA-256 hash is kept.
 *
 * @param name who holds it, for the audit log
 * @param role what it may do
 * @param sha256 hex SHA-256 of the key
 */
public record ApiKey(String name, Role role, String sha256) {

    public ApiKey {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(role, "role is null");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("key '" + name + "' has no valid SHA-256 hash");
        }
    }
}
