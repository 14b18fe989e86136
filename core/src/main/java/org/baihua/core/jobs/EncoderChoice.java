package org.baihua.core.jobs;

import java.util.Objects;
import org.baihua.core.datasets.LanguageDetector;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.TaskSpec;

/**
 * The text encoder a training run uses, and why: the one the request names; else the one the task
 * declares, for a data set in a language that encoder reads; else the default for the data set's
 * language (Chinese: the first encoder for {@code zh}; otherwise {@code encoder.default}).
 *
 * <p>A task's declaration says what its plugin measured best for the language its samples are in
 * (the bundled plugins declare {@code bge-small-en-v15}). It does not put a Chinese data set on an
 * English-only encoder, whose vocabulary has almost no Chinese: such a data set gets the Chinese
 * default, and the reason says that the declaration was passed over and why. Only a request that
 * names an encoder can put a data set on one that does not read its language. An encoder that
 * declares no languages is taken to read any.
 *
 * @param encoderId the chosen encoder
 * @param reason why it was chosen, for the lineage and the {@code train} output
 */
public record EncoderChoice(String encoderId, String reason) {

    public EncoderChoice {
        Objects.requireNonNull(encoderId, "encoderId is null");
        Objects.requireNonNull(reason, "reason is null");
    }

    /**
     * Chooses the encoder for training {@code task} on {@code dataset}.
     *
     * @param requested the encoder the request names, or null/blank
     * @throws org.baihua.core.encoder.EncoderNotFoundException when the named or declared encoder does not exist
     */
    public static EncoderChoice choose(String requested, TaskSpec task, DatasetInfo dataset, EncoderCatalog encoders) {
        String language = dataset.language();
        if (requested != null && !requested.isBlank()) {
            encoders.spec(requested);
            return new EncoderChoice(requested, "named in the request");
        }
        String passedOver = "";
        if (task.encoder() != null) {
            EncoderSpec declared = encoders.spec(task.encoder());
            if (!doesNotRead(declared, language)) {
                return new EncoderChoice(declared.id(), "declared by task '" + task.id() + "'");
            }
            passedOver = "; task '" + task.id() + "' declares '" + declared.id() + "', which reads "
                    + String.join(", ", declared.languages()) + " only";
        }
        EncoderSpec fallback = encoders.defaultFor(language);
        String detected = language == null ? "not detected" : language;
        return new EncoderChoice(fallback.id(), "default for the data set's language (" + detected + ")" + passedOver);
    }

    /**
     * Whether the data set's detected language is one the encoder says it does not read; an
     * undetermined language or an encoder without declared languages never counts as a mismatch.
     */
    private static boolean doesNotRead(EncoderSpec spec, String language) {
        boolean detected = LanguageDetector.CHINESE.equals(language) || LanguageDetector.ENGLISH.equals(language);
        return detected && !spec.languages().isEmpty() && !spec.supports(language);
    }
}
