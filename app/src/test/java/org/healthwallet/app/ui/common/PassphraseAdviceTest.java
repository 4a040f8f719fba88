package org.healthwallet.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.healthwallet.core.vault.PassphraseStrength;
import org.junit.jupiter.api.Test;

/** zxcvbn's estimate said the way the patient reads it, in both languages. */
class PassphraseAdviceTest {
    private static final Messages EN = new Messages(Locale.ENGLISH);
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    private static PassphraseStrength of(String s) {
        return PassphraseStrength.estimate(s.toCharArray());
    }

    @Test
    void aCommonPasswordGetsZxcvbnsWarningSuggestionAndCrackTime() {
        assertThat(PassphraseAdvice.explain(of("password"), EN)).isEqualTo(
                "This is a top-10 common password. Add another word or two. Uncommon words are better. "
                        + "Someone with a stolen copy of your wallet file could guess it in less than a minute.");
        assertThat(PassphraseAdvice.explain(of("password"), ZH)).isEqualTo(
                "这是最常见的 10 个密码之一。再加一两个单词，不常见的单词更好。拿到您钱包文件副本的人不到一分钟就能猜出它。");
    }

    @Test
    void apostrophesAndQuotesSurviveTheMessagePatterns() {
        assertThat(PassphraseAdvice.explain(of("P@ssw0rd2024!"), EN))
                .contains("Predictable substitutions like '@' instead of 'a' don't help very much.");
    }

    @Test
    void crackTimesAreSaidInPlainUnits() {
        assertThat(PassphraseAdvice.explain(new PassphraseStrength(2, Optional.empty(), List.of(), 46 * 60), EN))
                .isEqualTo("Someone with a stolen copy of your wallet file could guess it in about 46 minutes.");
        assertThat(PassphraseAdvice.crackTime(3600, EN)).endsWith("in about an hour.");
        assertThat(PassphraseAdvice.crackTime(10 * 3600, EN)).endsWith("in about 10 hours.");
        assertThat(PassphraseAdvice.crackTime(3 * 86400, EN)).endsWith("in about 3 days.");
        assertThat(PassphraseAdvice.crackTime(22 * 365.25 * 86400, EN)).endsWith("in about 22 years.");
        assertThat(PassphraseAdvice.crackTime(1e12, EN)).isEqualTo(
                "Someone with a stolen copy of your wallet file would need centuries to guess it.");
        assertThat(PassphraseAdvice.crackTime(10 * 3600, ZH)).isEqualTo("拿到您钱包文件副本的人大约 10 小时就能猜出它。");
    }
}
