package org.healthwallet.app.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.healthwallet.core.vault.PassphraseStrength;

/**
 * A new passphrase typed twice, with its strength as the vault estimates it. Shared by the create
 * and restore screens, which ask for a new passphrase the same way.
 */
public final class PassphraseRules {
    /** Below "fair" a stolen laptop's vault could be guessed; the app does not accept it. */
    public static final int MIN_SCORE = 2;

    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper score = new ReadOnlyIntegerWrapper(-1);
    private final BooleanBinding matches;
    private final BooleanBinding acceptable;

    public PassphraseRules() {
        passphrase.addListener((o, a, b) -> score.set(estimate(b)));
        matches = Bindings.createBooleanBinding(
                () -> !passphrase.get().isEmpty() && passphrase.get().equals(confirmation.get()),
                passphrase, confirmation);
        acceptable = matches.and(score.greaterThanOrEqualTo(MIN_SCORE));
    }

    public StringProperty passphraseProperty() { return passphrase; }

    public StringProperty confirmationProperty() { return confirmation; }

    /** 0 (very weak) to 4 (very strong); -1 while nothing is typed. */
    public ReadOnlyIntegerProperty scoreProperty() { return score.getReadOnlyProperty(); }

    /** The confirmation is non-empty and equals the passphrase. */
    public BooleanBinding matches() { return matches; }

    /** Typed twice the same, and strong enough. */
    public BooleanBinding acceptable() { return acceptable; }

    /** Bundle key naming the strength ("strength.2" = fair), or {@code null} while empty. */
    public String scoreKey() {
        return score.get() < 0 ? null : "strength." + score.get();
    }

    private static int estimate(String typed) {
        if (typed == null || typed.isEmpty()) {
            return -1;
        }
        char[] chars = typed.toCharArray();
        try {
            return PassphraseStrength.estimate(chars).score();
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    public char[] take() {
        return passphrase.get().toCharArray();
    }

    public void clear() {
        passphrase.set("");
        confirmation.set("");
    }
}
