/**
 * The feature pipeline: records &rarr; float vectors. Text fields go through the shared
 * {@link org.baihua.core.encoder.TextEncoder}, numeric fields are standardised with statistics
 * fitted on the training split (missing values imputed, plus a missing indicator), categorical
 * fields are one-hot encoded over the training vocabulary. The fitted state
 * ({@link org.baihua.core.features.PipelineState}) is plain JSON-serialisable data stored with
 * each model version, so serving applies exactly what training fitted.
 */
package org.baihua.core.features;
