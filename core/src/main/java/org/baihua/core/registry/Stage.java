package org.baihua.core.registry;

/**
 * Where a READY version stands for serving. A model has at most one {@code PRODUCTION} version;
 * promoting another returns the old one to {@code NONE}. {@code ARCHIVED} versions are retired:
 * rollback skips them, but they can be promoted again.
 */
public enum Stage {
    NONE,
    PRODUCTION,
    ARCHIVED
}
