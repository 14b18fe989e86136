package org.baihua.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderNotFoundException;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.Metric;
import org.baihua.sdk.TaskKind;
import org.baihua.sdk.TaskSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request, then task, then the data set's language choose the encoder; a declared encoder that does not read the language gives way. */
class EncoderChoiceTest {

    @TempDir
    static Path dataDir;

    static EncoderCatalog encoders;

    private static final TaskSpec TASK = new TaskSpec("condition", "", TaskKind.MULTICLASS, List.of(),
            List.of(FieldSpec.text("text", "")), null, Metric.ACCURACY, null);

    @BeforeAll
    static void catalog() {
        encoders = new EncoderCatalog(dataDir, EncoderConfig.defaults()); // reads definitions, loads no model
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    @Test
    void withoutRequestOrTaskTheDataSetsLanguageDecides() {
        assertThat(EncoderChoice.choose(null, TASK, dataset("en"), encoders))
                .isEqualTo(new EncoderChoice("bge-small-en-v15", "default for the data set's language (en)"));
        assertThat(EncoderChoice.choose("", TASK, dataset("zh"), encoders))
                .isEqualTo(new EncoderChoice("bge-small-zh-v15-q", "default for the data set's language (zh)"));
        assertThat(EncoderChoice.choose(null, TASK, dataset(null), encoders).encoderId()).isEqualTo("bge-small-en-v15");
        assertThat(EncoderChoice.choose(null, TASK, dataset("und"), encoders).reason()).contains("(und)");
    }

    @Test
    void theTasksDeclaredEncoderComesBeforeTheLanguageDefault() {
        EncoderChoice choice = EncoderChoice.choose(null, TASK.withEncoder("all-minilm-l6-v2-q"), dataset("en"), encoders);
        assertThat(choice).isEqualTo(new EncoderChoice("all-minilm-l6-v2-q", "declared by task 'condition'"));
    }

    @Test
    void theRequestComesFirstEvenAgainstTheLanguage() {
        EncoderChoice choice = EncoderChoice.choose("bge-small-en-v15", TASK.withEncoder("all-minilm-l6-v2-q"), dataset("zh"),
                encoders);
        assertThat(choice).isEqualTo(new EncoderChoice("bge-small-en-v15", "named in the request"));
    }

    @Test
    void aChineseDataSetGetsTheChineseDefaultOverADeclaredEnglishOnlyEncoderAndSaysWhy() {
        EncoderChoice choice = EncoderChoice.choose(null, TASK.withEncoder("bge-small-en-v15"), dataset("zh"), encoders);
        assertThat(choice).isEqualTo(new EncoderChoice("bge-small-zh-v15-q", "default for the data set's language (zh);"
                + " task 'condition' declares 'bge-small-en-v15', which reads en only"));
    }

    @Test
    void anEnglishDataSetGetsTheEnglishDefaultOverADeclaredChineseOnlyEncoder() {
        EncoderChoice choice = EncoderChoice.choose(null, TASK.withEncoder("bge-small-zh-v15-q"), dataset("en"), encoders);
        assertThat(choice.encoderId()).isEqualTo("bge-small-en-v15");
        assertThat(choice.reason()).endsWith("task 'condition' declares 'bge-small-zh-v15-q', which reads zh only");
    }

    @Test
    void anUndeterminedLanguageKeepsTheDeclaredEncoder() {
        assertThat(EncoderChoice.choose(null, TASK.withEncoder("bge-small-en-v15"), dataset("und"), encoders))
                .isEqualTo(new EncoderChoice("bge-small-en-v15", "declared by task 'condition'"));
        assertThat(EncoderChoice.choose(null, TASK.withEncoder("bge-small-zh-v15-q"), dataset(null), encoders).encoderId())
                .isEqualTo("bge-small-zh-v15-q");
    }

    @Test
    void onlyTheRequestPutsAChineseDataSetOnAnEnglishOnlyEncoder() {
        assertThat(EncoderChoice.choose("all-minilm-l6-v2-q", TASK.withEncoder("bge-small-en-v15"), dataset("zh"), encoders))
                .isEqualTo(new EncoderChoice("all-minilm-l6-v2-q", "named in the request"));
    }

    @Test
    void aDataSetWhoseLanguageNoDefaultReadsIsRefusedNamingTheLanguageAndWhatToDo(@TempDir Path otherDataDir) {
        // a host whose default is the Chinese-only encoder: English text would get it by default
        EncoderConfig chineseDefault = new EncoderConfig("bge-small-zh-v15-q", 1, 1, List.of(), null, 0, 100);
        try (EncoderCatalog chineseHost = new EncoderCatalog(otherDataDir, chineseDefault)) {
            assertThatThrownBy(() -> EncoderChoice.choose(null, TASK.withEncoder("bge-small-zh-v15-q"), dataset("en"), chineseHost))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("Data set 'ds-0123456789abcdef' is in English (en) and no encoder was chosen that reads it: the default"
                            + " for en is encoder.default 'bge-small-zh-v15-q', which reads zh only; task 'condition' declares"
                            + " 'bge-small-zh-v15-q', which reads zh only. Training on it would embed text the model cannot read;"
                            + " name one that reads en in the request (\"encoder\": \"bge-small-en-v15\"; readers here:"
                            + " bge-small-en-v15, all-minilm-l6-v2-q) or set encoder.default to it")
                    .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("encoder");
            assertThatThrownBy(() -> EncoderChoice.choose(" ", TASK, dataset("en"), chineseHost))
                    .hasMessageContaining("is in English (en)");
            // naming the encoder is the way through, even an encoder that does not read the language
            assertThat(EncoderChoice.choose("bge-small-zh-v15-q", TASK, dataset("en"), chineseHost))
                    .isEqualTo(new EncoderChoice("bge-small-zh-v15-q", "named in the request"));
            // without a detected language there is nothing to refuse, and Chinese text still finds its reader
            assertThat(EncoderChoice.choose(null, TASK, dataset("und"), chineseHost).encoderId()).isEqualTo("bge-small-zh-v15-q");
            assertThat(EncoderChoice.choose(null, TASK.withEncoder("bge-small-en-v15"), dataset("zh"), chineseHost).encoderId())
                    .isEqualTo("bge-small-zh-v15-q");
        }
    }

    @Test
    void anUnknownEncoderIsNotFound() {
        assertThatThrownBy(() -> EncoderChoice.choose("no-such-encoder", TASK, dataset("en"), encoders))
                .isInstanceOf(EncoderNotFoundException.class);
    }

    private static DatasetInfo dataset(String language) {
        return new DatasetInfo("ds-0123456789abcdef", "sample", "medical", "condition", "csv", "hash", 10, Map.of(), 0,
                "sha", Instant.EPOCH, "test", language);
    }
}
