package org.baihua.sdk;

/**
 * Facts about the host a plugin runs in. An extension receives it by declaring a constructor
 * parameter of this type: the host creates extensions through dependency injection.
 */
public interface HostInfo {

    /** The host's version, the one a plugin's {@code requires} is checked against, for example {@code 0.1.0}. */
    String version();
}
