package org.baihua.core.inference;

import java.util.List;
import java.util.Objects;
import org.baihua.core.features.PipelineState;
import org.baihua.core.features.PreprocessingChain;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.TaskKind;

/**
 * Everything besides the ONNX head that serving needs to reproduce training exactly: the fitted
 * preprocessors, the fitted feature pipeline, the label order and the tuned decision policy. Stored
 * as a version's {@code pipeline.json}.
 *
 * @param format version of this document's layout
 * @param domain the domain id
 * @param task the task id
 * @param kind the task kind
 * @param labels labels in the head's output order
 * @param preprocessors the fitted preprocessing steps, in order
 * @param pipeline the fitted feature pipeline
 * @param decisionPolicy the policy to decide with (tuned on validation where the task asks for it)
 * @param tunedEncoder the fine-tuned encoder in the version's artifact that the pipeline's text fields use,
 *     or null when they use a shared encoder (and in bundles written before fine-tuning existed)
 * @param reference what the inputs and decided labels looked like at training, the yardstick of drift
 *     monitoring; null in bundles written before drift profiles existed
 */
public record ModelBundle(int format, String domain, String task, TaskKind kind, List<String> labels,
                          List<PreprocessingChain.Step> preprocessors, PipelineState pipeline, DecisionPolicy decisionPolicy,
                          TunedEncoderRef tunedEncoder, org.baihua.core.drift.ReferenceProfile reference) {

    public static final int FORMAT = 1;

    /**
     * A fine-tuned encoder stored with the version.
     *
     * @param baseEncoder the shared encoder it was tuned from
     * @param encoderId its own id (the pipeline names it)
     * @param modelSha256 SHA-256 of its {@code model.onnx}, the key of its cached vectors
     */
    public record TunedEncoderRef(String baseEncoder, String encoderId, String modelSha256) {
        public TunedEncoderRef {
            Objects.requireNonNull(baseEncoder, "baseEncoder is null");
            Objects.requireNonNull(encoderId, "encoderId is null");
            Objects.requireNonNull(modelSha256, "modelSha256 is null");
        }
    }

    /** A bundle whose text fields use a shared encoder. */
    public ModelBundle(int format, String domain, String task, TaskKind kind, List<String> labels,
                       List<PreprocessingChain.Step> preprocessors, PipelineState pipeline, DecisionPolicy decisionPolicy) {
        this(format, domain, task, kind, labels, preprocessors, pipeline, decisionPolicy, null, null);
    }

    public ModelBundle {
        Objects.requireNonNull(pipeline, "pipeline is null");
        labels = List.copyOf(labels);
        preprocessors = List.copyOf(preprocessors);
        Objects.requireNonNull(decisionPolicy, "decisionPolicy is null");
    }
}
