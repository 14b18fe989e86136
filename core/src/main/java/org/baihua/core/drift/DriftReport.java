package org.baihua.core.drift;

import java.util.List;
import java.util.Map;

/**
 * A model version's drift: its recent requests against its training profile. Served at
 * {@code GET /api/v1/models/{name}/drift}.
 *
 * @param model the model
 * @param version the version measured (the production version unless one was named)
 * @param status {@code ok}, {@code warn} or {@code alert} (the worst of the inputs and the labels),
 *     {@code not-enough-data} while the window holds fewer than {@code minSamples} samples, or
 *     {@code no-profile} for a version trained before drift profiles existed
 * @param detail a sentence for people
 * @param samples samples in the window now
 * @param sampled samples taken since the window started on this host (the window keeps the last {@code window})
 * @param window how many samples the window keeps
 * @param minSamples samples needed before a status other than {@code not-enough-data}
 * @param sampleRate share of predicted records sampled
 * @param thresholds the PSI thresholds of {@code warn} and {@code alert}
 * @param inputs one entry per input field (empty without a profile)
 * @param labels the shift of the decided labels (null without a profile)
 */
public record DriftReport(String model, int version, String status, String detail, int samples, long sampled, int window,
                          int minSamples, double sampleRate, Thresholds thresholds, List<InputDrift> inputs, LabelDrift labels) {

    /**
     * @param warnPsi PSI from which a distribution is {@code warn}
     * @param alertPsi PSI from which it is {@code alert}
     */
    public record Thresholds(double warnPsi, double alertPsi) {}

    /**
     * One input's drift.
     *
     * @param field the field
     * @param type {@code numeric}, {@code categorical} or {@code text}
     * @param status the input's status: the worse of its PSI and (text) its embedding's
     * @param psi PSI of its values (numeric deciles, categories, or text lengths), null while the window is empty
     * @param chancePsi the PSI samples of these sizes show by chance alone; the status compares {@code psi - chancePsi}
     *     with the thresholds
     * @param mean mean of its present values in the window (numeric: the value; text: the length), null when none
     * @param referenceMean the same at training
     * @param missingShare share of window samples where it is missing, null while the window is empty
     * @param embedding the embedding shift (text inputs only)
     */
    public record InputDrift(String field, String type, String status, Double psi, Double chancePsi, Double mean, Double referenceMean,
                             Double missingShare, EmbeddingDrift embedding) {}

    /**
     * How a text input's embeddings moved.
     *
     * @param status from {@code distancePsi}
     * @param centroidShift distance from the window's mean embedding to the training centroid, in units of the
     *     training spread (RMS distance of training embeddings to their centroid)
     * @param distancePsi PSI of each sample's distance to its nearest class centroid (in that class's spread)
     *     against the training rows' distances: texts unlike any class move it most
     * @param chancePsi the distance PSI samples of these sizes show by chance alone
     * @param meanDistance the window's mean nearest-class distance, in spreads
     */
    public record EmbeddingDrift(String status, Double centroidShift, Double distancePsi, Double chancePsi, Double meanDistance) {}

    /**
     * How the decided labels moved.
     *
     * @param status from {@code psi}
     * @param psi PSI of the window's decided labels against those on the held-out rows at training
     * @param chancePsi the PSI samples of these sizes show by chance alone
     * @param reference share of each label on the held-out rows ({@code (none)}: records given no label)
     * @param window share of each label in the window
     */
    public record LabelDrift(String status, Double psi, Double chancePsi, Map<String, Double> reference, Map<String, Double> window) {}
}
