package org.baihua.core.encoder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

    @Test
    void validTextIsReturnedAsIs() {
        String text = "plain, 中文 and an emoji \uD83D\uDE00";
        assertThat(TextSanitizer.withoutLoneSurrogates(text)).isSameAs(text);
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() {
        assertThat(TextSanitizer.withoutLoneSurrogates("a\uD800b\uDC00c\uD83D")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        assertThat(TextSanitizer.withoutLoneSurrogates("\uDE00\uD83D\uDE00")).isEqualTo("\uFFFD\uD83D\uDE00");
    }
}
