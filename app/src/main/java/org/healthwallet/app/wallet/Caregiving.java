package org.healthwallet.app.wallet;

import java.util.Objects;
import org.healthwallet.core.family.Dependent;
import org.healthwallet.core.vault.Vault;

/**
 * A dependent's wallet as its caregiver has it open: the caregiver's own vault (its key signs what
 * the caregiver does for the dependent) and the dependent. Every screen shows a banner while one is
 * open, and every share made in it is issued by the caregiver's key under the delegation.
 */
public record Caregiving(Vault caregiver, Dependent dependent) {
    public Caregiving {
        Objects.requireNonNull(caregiver, "caregiver");
        Objects.requireNonNull(dependent, "dependent");
    }
}
