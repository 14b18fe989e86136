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

    /** The registry's version, or null for one loaded from an exported artifact (baihua-spark). */
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

    /**
     * Restores a version from its artifact parts against the started plugins and the encoders: the one
     * way the host (REST, batch jobs) and baihua-spark executors load a version.
     *
     * @param owner how errors name the version, e.g. "Model 'credit' version 3"
     */
    static LoadedVersion load(String owner, ModelVersion version, PluginPin pin, byte[] pipelineJson,
                              byte[] headOnnx, java.nio.file.Path encoderDirectory, String encoderModelSha256,
                              com.fasterxml.jackson.databind.ObjectMapper json, org.baihua.core.plugin.DomainCatalog domains,
                              org.baihua.core.plugin.DomainExtensions extensions, org.baihua.core.encoder.EncoderCatalog encoders) {
        ModelBundle bundle;
        try {
            bundle = json.readValue(pipelineJson, ModelBundle.class);
        } catch (java.io.IOException e) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL, owner
                    + " has an unreadable pipeline.json: " + e.getMessage(), e);
        }
        org.baihua.core.plugin.DomainCatalog.Entry domain;
        try {
            domain = domains.domain(bundle.domain(), pin);
        } catch (org.baihua.core.NotFoundException e) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.UNAVAILABLE, owner + " is not serving: plugin '"
                    + pin.pluginId() + "' version " + pin.version() + " does not provide domain '" + bundle.domain() + "' here");
        }
        if (!domain.pluginId().equals(pin.pluginId())) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.UNAVAILABLE, owner
                    + " is not serving: it was trained with plugin '" + pin.pluginId() + "', but domain '" + bundle.domain()
                    + "' now comes from plugin '" + domain.pluginId() + "'; retrain it");
        }
        TaskSpec task = domains.task(bundle.domain(), bundle.task(), pin);
        PreprocessingChain chain = PreprocessingChain.restore(bundle.preprocessors(),
                extensions.preprocessors(bundle.domain(), bundle.task(), pin), owner);
        org.baihua.core.encoder.TunedEncoder tuned = openTunedEncoder(owner, bundle, encoderDirectory, encoderModelSha256, encoders);
        try {
            FittedPipeline pipeline = FittedPipeline.restore(bundle.pipeline(),
                    tuned != null ? (id, strategy) -> tuned.get(strategy) : encoders::get);
            OnnxHead head = OnnxHead.load(headOnnx, bundle.pipeline().dimensions(), bundle.labels().size());
            DecisionApplier decisions = new DecisionApplier(bundle.kind(), bundle.labels(), bundle.decisionPolicy());
            return new LoadedVersion(version, pin, bundle, task, chain, pipeline, head, decisions, tuned);
        } catch (RuntimeException e) {
            if (tuned != null) {
                tuned.close();
            }
            throw e;
        }
    }

    /** The version's own fine-tuned encoder, loaded from its verified artifact; null when it uses a shared one. */
    private static org.baihua.core.encoder.TunedEncoder openTunedEncoder(String owner, ModelBundle bundle, java.nio.file.Path encoderDirectory,
                                                                        String encoderModelSha256, org.baihua.core.encoder.EncoderCatalog encoders) {
        ModelBundle.TunedEncoderRef ref = bundle.tunedEncoder();
        if (ref == null) {
            return null;
        }
        if (encoderDirectory == null || !ref.modelSha256().equals(encoderModelSha256)) {
            throw new org.baihua.core.BaihuaException(org.baihua.core.BaihuaException.Kind.INTERNAL, owner + " was trained with fine-tuned encoder '"
                    + ref.encoderId() + "' (model SHA-256 " + ref.modelSha256() + "), which its artifact does not hold"
                    + (encoderModelSha256 == null ? "" : " (it holds " + encoderModelSha256 + ")"));
        }
        return encoders.openTuned(encoderDirectory, ref.modelSha256());
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
