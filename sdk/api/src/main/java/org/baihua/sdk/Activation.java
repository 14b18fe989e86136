package org.baihua.sdk;

/** Activation of a head's hidden layers. */
public enum Activation {
    RELU,
    /** Gaussian error linear unit, tanh approximation. */
    GELU,
    TANH
}
