package org.baihua.core.inference;

import java.util.concurrent.atomic.AtomicInteger;
import org.baihua.core.features.FittedPipeline;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.core.plugin.PluginPin;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.training.eval.DecisionApplier;
import org.baihua.core.training.onnx.OnnxHead;
import org.baihua.sdk.TaskSpec;

/**
 * A model version ready to serve: its restored preprocessing, feature pipeline, ONNX session,
 * its fine-tuned encoder's session when it has one, and its decision policy. Reference-counted so that retiring it (archive, delete, plugin removal) never
 * closes the session under a request that is still using it.
 */
final class LoadedVersion {

    final ModelVersion version;
    /** The plugin version it serves with, from its lineage. */
    final PluginPin pin;
    final ModelBundle bundle;
    final TaskSpec task;
    final PreprocessingChain preprocessing;
    final FittedPipeline pipeline;
    final OnnxHead head;
    final DecisionApplier decisions;
    /** Whether it has run its warm-up records. */
    volatile boolean warm;
    /** The version's own fine-tuned encoder, or null when its pipeline uses a shared one. */
    private final AutoCloseable tunedEncoder;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;
    private boolean closed;

    LoadedVersion(ModelVersion version, PluginPin pin, ModelBundle bundle, TaskSpec task, PreprocessingChain preprocessing,
                  FittedPipeline pipeline, OnnxHead head, DecisionApplier decisions, AutoCloseable tunedEncoder) {
        this.version = version;
        this.pin = pin;
        this.bundle = bundle;
        this.task = task;
        this.preprocessing = preprocessing;
        this.pipeline = pipeline;
        this.head = head;
        this.decisions = decisions;
        this.tunedEncoder = tunedEncoder;
    }

    /** Takes a reference; false if the version was retired meanwhile (load it again). */
    boolean acquire() {
        users.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (users.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    /** No new users; closes once the last current one is done. */
    void retire() {
        retired = true;
        if (users.get() == 0) {
            closeOnce();
        }
    }

    private void closeTunedEncoder() {
        if (tunedEncoder != null) {
            try {
                tunedEncoder.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the fine-tuned encoder of model '" + version.model()
                        + "' version " + version.version(), e);
            }
        }
    }

    private synchronized void closeOnce() {
        if (!closed && users.get() == 0) {
            closed = true;
            try {
                head.close();
            } finally {
                closeTunedEncoder();
            }
        }
    }
}
