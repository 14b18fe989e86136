package org.baihua.core.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Chinese is told from other text by the share of CJK ideographs among the letters. */
class LanguageDetectorTest {

    @Test
    void englishTextIsEnglish() {
        assertThat(LanguageDetector.of("The patient reported chest pain radiating to the left arm.")).isEqualTo("en");
    }

    @Test
    void chineseTextIsChineseEvenWithLatinAbbreviationsAndDigits() {
        assertThat(LanguageDetector.of("患者于2023年5月1日入院，CT检查显示右肺下叶结节，建议随访。")).isEqualTo("zh");
    }

    @Test
    void mixedTextFollowsTheShareOfIdeographs() {
        // A few Chinese words in English text: English.
        assertThat(LanguageDetector.of("The patient, Mr. Wang (王先生), reported chest pain after dinner.")).isEqualTo("en");
        // Chinese text with English terms: most letters are ideographs, so Chinese.
        assertThat(LanguageDetector.of("患者主诉胸痛三天，心电图提示 ST segment 抬高")).isEqualTo("zh");
        // A data set of half Chinese, half English rows: the ideographs decide (30 % of the letters suffice).
        LanguageDetector rows = new LanguageDetector();
        rows.accept("Quarterly revenue grew five percent.");
        rows.accept("季度收入增长了百分之五，超出分析师预期。");
        assertThat(rows.cjkShare()).isBetween(0.3, 0.7);
        assertThat(rows.language()).isEqualTo("zh");
    }

    @Test
    void emptyTextAndTextWithoutLettersAreUndetermined() {
        assertThat(LanguageDetector.of("")).isEqualTo("und");
        assertThat(LanguageDetector.of("12.5 / 7 %, 2023-05-01")).isEqualTo("und");
        LanguageDetector none = new LanguageDetector();
        none.accept(null);
        assertThat(none.language()).isEqualTo("und");
        assertThat(none.cjkShare()).isZero();
    }
}
