package org.healthwallet.core.vault;

import java.util.Objects;

/**
 * A new wallet, unlocked, and its recovery phrase, which is shown to the patient once and is not
 * stored anywhere: whoever holds it can restore the wallet from a backup.
 */
public record CreatedVault(Vault vault, RecoveryPhrase phrase) {
    public CreatedVault {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(phrase, "phrase");
    }
}
