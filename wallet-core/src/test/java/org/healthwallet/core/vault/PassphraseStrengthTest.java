package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassphraseStrengthTest {
    private static PassphraseStrength of(String s) {
        return PassphraseStrength.estimate(s.toCharArray());
    }

    @Test
    void commonPasswordsScoreZeroWithAHint() {
        assertThat(of("password")).isEqualTo(new PassphraseStrength(0,
                "This is one of the most common passwords; choose something else."));
        assertThat(of("Password1!").score()).isZero();
        assertThat(of("").score()).isZero();
    }

    @Test
    void shortOrPatternedPassphrasesScoreLowAndSayWhy() {
        assertThat(of("kitten7")).satisfies(s -> {
            assertThat(s.score()).isLessThanOrEqualTo(1);
            assertThat(s.hint()).contains("at least 12 characters");
        });
        assertThat(of("aaaaaaaaaaaaaaaaaaaa")).satisfies(s -> {
            assertThat(s.score()).isLessThanOrEqualTo(1);
            assertThat(s.hint()).contains("repeated characters");
        });
        assertThat(of("abcdefghijklmnop12345").score()).isLessThanOrEqualTo(1);
    }

    @Test
    void severalWordsOrMixedCharactersScoreHigh() {
        assertThat(of("plum orchard lantern velvet").score()).isEqualTo(4);
        assertThat(of("plum orchard lantern velvet").hint()).isEqualTo("Strong passphrase.");
        assertThat(of("Tr0ub4dor&3x!Q").score()).isGreaterThanOrEqualTo(3);
        assertThat(of("plum orchard").score()).isBetween(1, 3);
    }

    @Test
    void longerIsNeverWeaker() {
        int previous = 0;
        String text = "";
        for (String word : new String[] {"plum", " orchard", " lantern", " velvet", " quarry"}) {
            text += word;
            int score = of(text).score();
            assertThat(score).isGreaterThanOrEqualTo(previous);
            previous = score;
        }
    }
}
