/**
 * The shared training engine: {@link org.baihua.core.training.TrainingEngine} trains the head a
 * plugin's {@link org.baihua.sdk.HeadSpec} describes on feature vectors and returns a
 * {@link org.baihua.core.training.TrainedHead} (weights, tuned decision policy, evaluation), with
 * progress events and cooperative cancellation. Sub-packages: {@code data} (targets, labels,
 * stratified split), {@code nn} (layers, losses, optimisers, kernels), {@code eval} (metrics,
 * decisions, threshold tuning), {@code onnx} (export and serving through DJL / ONNX Runtime).
 */
package org.baihua.core.training;
