/**
 * Drift monitoring: a reference profile per model version computed at training
 * ({@link org.baihua.core.drift.ProfileBuilder}), a sampled window of the records each version
 * serves, and their comparison ({@link org.baihua.core.drift.DriftMonitor}): PSI per input,
 * embedding shift, label shift, a status and Prometheus gauges.
 */
package org.baihua.core.drift;
