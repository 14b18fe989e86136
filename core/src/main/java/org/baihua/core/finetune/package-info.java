/**
 * Encoder fine-tuning: a BERT-style encoder with forward and backward passes on the engine's
 * kernels, weights read from (and written back to) the bundled fp32 ONNX graph, and the training
 * loop that adapts the encoder together with a classification head.
 */
package org.baihua.core.finetune;
