package org.baihua.sdk;

/** How the host turns an input field into features. */
public enum FieldType {
    /** Free text, embedded by the host's shared text encoder. */
    TEXT,
    /** A number, standardised with statistics fitted on the training split; missing values imputed. */
    NUMERIC,
    /** A value from a vocabulary, one-hot encoded over the values seen in training. */
    CATEGORICAL
}
