/**
 * Model selection on small data: repeated stratified k-fold over a few head configurations, the
 * best refit on all the data, calibrated on out-of-fold probabilities.
 */
package org.baihua.core.training.selection;
