package org.healthwallet.core.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassphraseStrengthTest {
    private static PassphraseStrength of(String s) {
        return PassphraseStrength.estimate(s.toCharArray());
    }

    @Test
    void commonPasswordsAreWeakAndZxcvbnSaysWhy() {
        assertThat(of("password")).satisfies(s -> {
            assertThat(s.score()).isZero();
            assertThat(s.strongEnough()).isFalse();
            assertThat(s.warning()).contains("feedback.dictionary.warning.passwords.top10");
            assertThat(s.suggestions()).contains("feedback.extra.suggestions.addAnotherWord");
            assertThat(s.crackSeconds()).isLessThan(1);
        });
        assertThat(of("Password1!").strongEnough()).isFalse();
        assertThat(of("Password1!").warning()).contains("feedback.dictionary.warning.passwords.similar");
        assertThat(of("").score()).isZero();
    }

    /**
     * The home-made estimate scored these 2 or 3 (long enough, mixed characters), which the app
     * accepted; zxcvbn knows them for a l33t-spelled common password with a year, a season with a
     * year, and a first name with a birth year.
     */
    @Test
    void predictablePasswordsWithDigitsAndSymbolsAreWeakAndSayWhy() {
        assertThat(of("P@ssw0rd2024!")).satisfies(s -> {
            assertThat(s.strongEnough()).isFalse();
            assertThat(s.warning()).contains("feedback.dictionary.warning.passwords.similar");
            assertThat(s.suggestions()).contains("feedback.dictionary.suggestions.l33t");
        });
        assertThat(of("Summer2024!").strongEnough()).isFalse();
        assertThat(of("jessica1990")).satisfies(s -> {
            assertThat(s.strongEnough()).isFalse();
            assertThat(s.warning()).contains("feedback.dictionary.warning.etc.namesCommon");
        });
        assertThat(of("qwertyuiop[]").warning()).contains("feedback.spatial.warning.straightRowsOfKeys");
        assertThat(of("aaaaaaaaaaaaaaaaaaaa").strongEnough()).isFalse();
    }

    @Test
    void severalUnrelatedWordsAreStrongAndWouldTakeCenturies() {
        PassphraseStrength words = of("plum orchard lantern velvet");
        assertThat(words.score()).isEqualTo(4);
        assertThat(words.warning()).isEmpty();
        assertThat(words.crackSeconds()).isGreaterThan(100 * 365.25 * 24 * 3600);
        assertThat(of("Tulip-Orbit-42!").strongEnough()).isTrue();
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

    @Test
    void theCallersPassphraseIsLeftAsItWas() {
        char[] typed = "Tulip-Orbit-42!".toCharArray();
        PassphraseStrength.estimate(typed);
        assertThat(new String(typed)).isEqualTo("Tulip-Orbit-42!");
    }

    @Test
    void aVeryLongPassphraseIsEstimatedQuickly() {
        String longOne = "plum orchard lantern velvet ".repeat(200);
        long start = System.nanoTime();
        assertThat(of(longOne).score()).isEqualTo(4);
        // Generous: the first 100 characters are measured, a few ms; unbounded it would take minutes.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
    }
}
