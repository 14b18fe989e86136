package org.baihua.core.jobs;

import java.util.Objects;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.datasets.LanguageDetector;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.TaskSpec;

/**
 * The text encoder a training run uses, and why: the one the request names; else the one the task
 * declares; else the default for the data set's language (Chinese: the first encoder for {@code zh};
 * otherwise {@code encoder.default}). A Chinese data set on an encoder declared for English only is
 * refused unless the request named that encoder itself.
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
     * @throws InvalidRequestException (field {@code encoder}) when a Chinese data set would get an
     *     English-only encoder the request did not name, naming the encoder to use
     * @throws org.baihua.core.encoder.EncoderNotFoundException when the named or declared encoder does not exist
     */
    public static EncoderChoice choose(String requested, TaskSpec task, DatasetInfo dataset, EncoderCatalog encoders) {
        String language = dataset.language();
        if (requested != null && !requested.isBlank()) {
            encoders.spec(requested);
            return new EncoderChoice(requested, "named in the request");
        }
        if (task.encoder() != null) {
            EncoderSpec declared = encoders.spec(task.encoder());
            if (LanguageDetector.CHINESE.equals(language) && isEnglishOnly(declared)) {
                String right = encoders.defaultFor(LanguageDetector.CHINESE).id();
                throw new InvalidRequestException("encoder", "Data set '" + dataset.id() + "' is Chinese, but task '"
                        + task.id() + "' declares encoder '" + declared.id() + "', which reads English only: train with"
                        + " \"encoder\": \"" + right + "\" (or name '" + declared.id() + "' in the request to use it anyway)");
            }
            return new EncoderChoice(declared.id(), "declared by task '" + task.id() + "'");
        }
        if (LanguageDetector.CHINESE.equals(language)) {
            return new EncoderChoice(encoders.defaultFor(LanguageDetector.CHINESE).id(), "default for the data set's language (zh)");
        }
        String detected = language == null ? "not detected" : language;
        return new EncoderChoice(encoders.defaultEncoder().id(), "default for the data set's language (" + detected + ")");
    }

    private static boolean isEnglishOnly(EncoderSpec spec) {
        return spec.supports(LanguageDetector.ENGLISH) && !spec.supports(LanguageDetector.CHINESE);
    }
}
