package org.healthwallet.app.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.healthwallet.core.vault.PassphraseStrength;

/**
 * A new passphrase typed twice, with its strength as the vault estimates it. Shared by the create
 * and restore screens, which ask for a new passphrase the same way. A passphrase below
 * {@link PassphraseStrength#MIN_SCORE} is refused: a stolen copy of the wallet could be guessed.
 */
public final class PassphraseRules {
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PassphraseStrength> strength = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper score = new ReadOnlyIntegerWrapper(-1);
    private final BooleanBinding matches;
    private final BooleanBinding acceptable;

    public PassphraseRules() {
        passphrase.addListener((o, a, b) -> {
            PassphraseStrength estimate = estimate(b);
            strength.set(estimate);
            score.set(estimate == null ? -1 : estimate.score());
        });
        matches = Bindings.createBooleanBinding(
                () -> !passphrase.get().isEmpty() && passphrase.get().equals(confirmation.get()),
                passphrase, confirmation);
        BooleanBinding strongEnough = Bindings.createBooleanBinding(
                () -> strength.get() != null && strength.get().strongEnough(), strength);
        acceptable = matches.and(strongEnough);
    }

    /** zxcvbn's estimate of what is typed; {@code null} while nothing is. */
    public ReadOnlyObjectProperty<PassphraseStrength> strengthProperty() { return strength.getReadOnlyProperty(); }

    public StringProperty passphraseProperty() { return passphrase; }

    public StringProperty confirmationProperty() { return confirmation; }

    /** 0 (very weak) to 4 (very strong); -1 while nothing is typed. */
    public ReadOnlyIntegerProperty scoreProperty() { return score.getReadOnlyProperty(); }

    /** The confirmation is non-empty and equals the passphrase. */
    public BooleanBinding matches() { return matches; }

    /** Typed twice the same, and strong enough ({@link PassphraseStrength#strongEnough()}). */
    public BooleanBinding acceptable() { return acceptable; }

    /** Bundle key naming the strength ("strength.2" = fair), or {@code null} while empty. */
    public String scoreKey() {
        return score.get() < 0 ? null : "strength." + score.get();
    }

    private static PassphraseStrength estimate(String typed) {
        if (typed == null || typed.isEmpty()) {
            return null;
        }
        char[] chars = typed.toCharArray();
        try {
            return PassphraseStrength.estimate(chars);
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
