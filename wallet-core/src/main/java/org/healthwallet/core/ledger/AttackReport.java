package org.healthwallet.core.ledger;

import java.time.Instant;
import java.util.Objects;
import org.healthwallet.ledger.client.AttackEvidence;

/**
 * What the wallet remembers of a light client attack it caught: the primary node that served a
 * conflicting history, the witness that showed the other one, where they split, and how many
 * validators signed the conflicting block. The primary is not used again by this profile until the
 * person enters a new checkpoint.
 *
 * @param message the light client's sentence for the person
 */
public record AttackReport(String primary, String witness, long height, Instant detectedAt, AttackEvidence.Kind kind,
                           int byzantineValidators, String message) {
    public AttackReport {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(witness, "witness");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
