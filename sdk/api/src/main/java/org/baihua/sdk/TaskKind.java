package org.baihua.sdk;

/** What a task predicts for one record. */
public enum TaskKind {
    /** Exactly one of two labels; trained with softmax cross-entropy over two outputs. */
    BINARY,
    /** Exactly one of three or more labels; softmax cross-entropy. */
    MULTICLASS,
    /** Any subset of the labels; one sigmoid output per label, binary cross-entropy. */
    MULTILABEL
}
