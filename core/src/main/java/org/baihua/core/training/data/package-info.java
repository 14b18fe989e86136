/** Labelled feature vectors: targets read from records, and the seeded stratified split. */
package org.baihua.core.training.data;
