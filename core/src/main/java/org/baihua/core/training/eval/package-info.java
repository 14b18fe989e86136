/**
 * Evaluation of a head: metrics ({@link org.baihua.core.training.eval.Evaluation}), the decision
 * policy applier shared with serving, and binary threshold tuning.
 */
package org.baihua.core.training.eval;
