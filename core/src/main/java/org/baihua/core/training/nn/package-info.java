/**
 * The numerical core of the engine: dense layers on row arrays, activations, softmax and sigmoid
 * losses with class weights, SGD/Adam/AdamW, the learning-rate schedule and the multi-threaded
 * kernels ({@link org.baihua.core.training.nn.MatrixOps}).
 */
package org.baihua.core.training.nn;
