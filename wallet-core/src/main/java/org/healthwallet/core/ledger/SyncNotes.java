package org.healthwallet.core.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.client.Checkpoint;

/**
 * What the ledger store ({@code ledger_notes} in the vault file) remembers besides the verified
 * headers: when the last sync ran and how it ended, a checkpoint the person entered, and a caught
 * attack, and the consortium file as first used (its content, JSON; a later run's file is compared
 * with it). Nothing about the patient.
 */
record SyncNotes(Optional<Instant> lastAttempt, SyncOutcome lastOutcome, String lastMessage,
                 Optional<Instant> lastSuccess, Optional<Checkpoint> checkpoint, Optional<AttackReport> attack,
                 Optional<String> consortium) {
    static final SyncNotes EMPTY = new SyncNotes(Optional.empty(), SyncOutcome.NEVER, "", Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    SyncNotes {
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(lastMessage, "lastMessage");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(consortium, "consortium");
    }

    SyncNotes attempted(Instant at, SyncOutcome outcome, String message) {
        return new SyncNotes(Optional.of(at), outcome, message,
                outcome == SyncOutcome.SYNCED ? Optional.of(at) : lastSuccess, checkpoint, attack, consortium);
    }

    SyncNotes withAttack(AttackReport report) {
        return new SyncNotes(lastAttempt, lastOutcome, lastMessage, lastSuccess, checkpoint, Optional.of(report), consortium);
    }

    /** A new trust root: the attack record and the last outcome are history. */
    SyncNotes withCheckpoint(Checkpoint entered) {
        return new SyncNotes(lastAttempt, SyncOutcome.NEVER, "", lastSuccess, Optional.of(entered), Optional.empty(),
                consortium);
    }

    /** The consortium file this wallet now trusts (pinned at first use, or accepted deliberately). */
    SyncNotes withConsortium(String json) {
        return new SyncNotes(lastAttempt, lastOutcome, lastMessage, lastSuccess, checkpoint, attack, Optional.of(json));
    }
}
