package org.baihua.core.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainerTest {

    @Test
    void aRepeatedWordIsOneEntryWithAllItsPositionsAndIsRemovedEverywhere() {
        List<Explainer.Word> words = Explainer.words("Arteriovenous malformation, with an arteriovenous fistula (arteriovenous).");
        assertThat(words).extracting(Explainer.Word::word)
                .containsExactly("Arteriovenous", "malformation", "with", "an", "fistula");
        Explainer.Word repeated = words.get(0);
        assertThat(repeated.positions()).containsExactly(0, 4, 6);
        assertThat(repeated.without()).isEqualTo("malformation, with an fistula");
        assertThat(words.get(1).positions()).containsExactly(1);
        assertThat(words.get(1).without()).isEqualTo("Arteriovenous with an arteriovenous fistula (arteriovenous).");
    }

    @Test
    void punctuationAloneStaysAWordAndTheLimitCountsDistinctWords() {
        assertThat(Explainer.words("pump -- leaking -- now")).extracting(Explainer.Word::word)
                .containsExactly("pump", "--", "leaking", "now");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Explainer.MAX_WORDS + 10; i++) {
            text.append("w").append(i).append(" again ");
        }
        List<Explainer.Word> words = Explainer.words(text.toString());
        assertThat(words).hasSize(Explainer.MAX_WORDS);
        assertThat(words.get(1).word()).isEqualTo("again");
        assertThat(words.get(1).positions()).hasSize(Explainer.MAX_WORDS + 10); // every occurrence, beyond the limit too
    }

    @Test
    void wordsAreLookedUpAsTheCallerWroteThemWithoutPunctuation() {
        assertThat(Explainer.asWritten("The Jurisdiction clause: jurisdiction. LONDON courts"))
                .containsEntry("jurisdiction", "Jurisdiction").containsEntry("london", "LONDON").containsEntry("clause", "clause")
                .doesNotContainKey("jurisdiction.");
    }
}
