package org.healthwallet.core.vault;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * How hard a new passphrase is to guess, as zxcvbn estimates it (dictionaries of common passwords,
 * names and words, keyboard patterns, sequences, repeats, dates and l33t substitutions), and the
 * one rule the app and the command line apply to it: below {@link #MIN_SCORE} the app refuses the
 * passphrase and the command line warns.
 *
 * <p>The feedback is zxcvbn's message keys, not its English, so each caller says it in the
 * patient's language (the app's bundles carry both languages).
 *
 * @param score zxcvbn's 0 (guessed at once) to 4 (very hard to guess)
 * @param warning what is wrong with it, as a zxcvbn key ("feedback.dictionary.warning.passwords.top10"), if anything
 * @param suggestions what to do about it, as zxcvbn keys ("feedback.extra.suggestions.addAnotherWord")
 * @param crackSeconds how long someone with a stolen copy of the wallet file would take to guess it
 *                     at {@link #GUESSES_PER_SECOND}
 */
public record PassphraseStrength(int score, Optional<String> warning, List<String> suggestions, double crackSeconds) {
    /** The rule for a new passphrase: zxcvbn's "safely unguessable" (about 10^8 guesses and up). */
    public static final int MIN_SCORE = 3;
    /**
     * The attacker the crack time assumes: zxcvbn's "offline, slow hash" case. Our Argon2id costs
     * about half a second a guess on a laptop; 10,000 a second is a well-equipped thief's rig.
     */
    public static final double GUESSES_PER_SECOND = 1e4;
    /** zxcvbn's matching is quadratic in the length; characters past this only add strength. */
    private static final int MEASURED_CHARS = 100;

    public PassphraseStrength {
        if (score < 0 || score > 4) {
            throw new IllegalArgumentException("score is 0..4");
        }
        warning = warning.filter(w -> !w.isEmpty());
        suggestions = List.copyOf(suggestions);
    }

    /** True when the passphrase meets {@link #MIN_SCORE}. */
    public boolean strongEnough() {
        return score >= MIN_SCORE;
    }

    /**
     * Estimates without making a String of the passphrase: zxcvbn reads a copy and wipes it
     * (its {@code Strength.wipe()} zeroes the buffer it was given, so never hand it the caller's).
     */
    public static PassphraseStrength estimate(char[] passphrase) {
        char[] copy = Arrays.copyOf(passphrase, Math.min(passphrase.length, MEASURED_CHARS));
        Strength strength = Estimator.ZXCVBN.measure(CharBuffer.wrap(copy));
        try {
            Feedback feedback = strength.getFeedback().withResourceBundle(KEYS);
            return new PassphraseStrength(strength.getScore(), Optional.ofNullable(feedback.getWarning()),
                    feedback.getSuggestions(), Math.pow(10, strength.getGuessesLog10()) / GUESSES_PER_SECOND);
        } finally {
            strength.wipe();
            Arrays.fill(copy, '\0');
        }
    }

    /** zxcvbn's dictionaries take ~60 ms to load: once, on first use; they are read-only after. */
    private static final class Estimator {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }

    /** A bundle that answers each key with itself, so zxcvbn's feedback comes back as its keys. */
    private static final ResourceBundle KEYS = new ResourceBundle() {
        @Override
        protected Object handleGetObject(String key) {
            return key;
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.emptyEnumeration();
        }
    };
}
