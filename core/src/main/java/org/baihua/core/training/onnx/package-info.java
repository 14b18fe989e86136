/** Export of trained heads to ONNX, and their execution through DJL on ONNX Runtime. */
package org.baihua.core.training.onnx;
