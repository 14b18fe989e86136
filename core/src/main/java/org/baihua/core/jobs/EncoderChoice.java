package org.baihua.core.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.datasets.LanguageDetector;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.TaskSpec;

/**
 * The text encoder a training run uses, and why: the one the request names; else the one the task
 * declares, for a data set in a language that encoder reads; else the default for the data set's
 * language (Chinese: the first encoder for {@code zh}; otherwise {@code encoder.default}).
 * When that default does not read the data set's language either (a host whose
 * {@code encoder.default} is a Chinese-only encoder, given English text), a request that names no
 * encoder is refused, naming the language and the encoders that read it.
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
     * @throws InvalidRequestException (field {@code encoder}) when no encoder is named and the language's default does not read it
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
        if (doesNotRead(fallback, language)) {
            throw new InvalidRequestException("encoder", refusal(task, dataset, fallback, passedOver, encoders));
        }
        String detected = language == null ? "not detected" : language;
        return new EncoderChoice(fallback.id(), "default for the data set's language (" + detected + ")" + passedOver);
    }

    /** Why no encoder was chosen, and what to do: name an encoder that reads the language, or configure one. */
    private static String refusal(TaskSpec task, DatasetInfo dataset, EncoderSpec fallback, String passedOver,
                                  EncoderCatalog encoders) {
        String language = dataset.language();
        String name = Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH);
        List<String> readers = encoders.encoders().stream().filter(e -> e.supports(language)).map(EncoderSpec::id).toList();
        String todo = readers.isEmpty()
                ? "no encoder on this host reads " + language + ": add one with encoder.directories (its encoder.json declaring"
                        + " \"languages\": [\"" + language + "\"]) and name it in the request (\"encoder\": \"<id>\")"
                : "name one that reads " + language + " in the request (\"encoder\": \"" + readers.get(0) + "\"; readers here: "
                        + String.join(", ", readers) + ") or set encoder.default to it";
        return "Data set '" + dataset.id() + "' is in " + name + " (" + language + ") and no encoder was chosen that reads it: "
                + "the default for " + language + " is encoder.default '" + fallback.id() + "', which reads "
                + String.join(", ", fallback.languages()) + " only" + passedOver + ". Training on it would embed text the model "
                + "cannot read; " + todo;
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
