package org.healthwallet.core.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * Something about the ledger the person should know. Each kind carries what a screen needs to say
 * it in the person's language; {@link #describe()} is the English sentence the command line prints.
 */
public sealed interface LedgerWarning {

    /** The newest verified header stops being a basis for verification soon: sync before then. */
    record TrustExpiring(Instant expiresAt) implements LedgerWarning {
        public TrustExpiring {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The newest verified header is too old to verify from: a new checkpoint from the consortium is needed. */
    record TrustExpired(long height, Instant expiredAt) implements LedgerWarning {
        public TrustExpired {
            Objects.requireNonNull(expiredAt, "expiredAt");
        }
    }

    /** The primary node and a witness disagreed with two verified histories: an attack, reported. */
    record AttackReported(AttackReport report) implements LedgerWarning {
        public AttackReported {
            Objects.requireNonNull(report, "report");
        }
    }

    /** The primary node was caught in an attack and is no longer used. */
    record PrimaryDropped(String primary) implements LedgerWarning {
        public PrimaryDropped {
            Objects.requireNonNull(primary, "primary");
        }
    }

    /** The verified headers are of another chain than the consortium's: a new checkpoint starts over. */
    record OtherChain(String verifiedChain, String consortiumChain) implements LedgerWarning {
        public OtherChain {
            Objects.requireNonNull(verifiedChain, "verifiedChain");
            Objects.requireNonNull(consortiumChain, "consortiumChain");
        }
    }

    /** A witness could not be asked, or was dropped for a header that does not verify (the light client's words). */
    record WitnessProblem(String message) implements LedgerWarning {
        public WitnessProblem {
            Objects.requireNonNull(message, "message");
        }
    }

    /** True when only a new checkpoint lets the wallet verify again. */
    default boolean needsCheckpoint() {
        return this instanceof TrustExpired || this instanceof OtherChain || this instanceof PrimaryDropped;
    }

    /** One English sentence, for the command line. */
    default String describe() {
        if (this instanceof TrustExpiring w) {
            return "The trust in the verified headers expires at " + w.expiresAt() + "; sync before then.";
        }
        if (this instanceof TrustExpired w) {
            return "The newest verified header (height " + w.height() + ") is too old to trust since " + w.expiredAt()
                    + ". Ask the consortium for a new checkpoint ('healthwallet ledger checkpoint').";
        }
        if (this instanceof AttackReported w) {
            AttackReport r = w.report();
            return "Attack reported at " + r.detectedAt() + ": " + r.primary() + " and the witness " + r.witness()
                    + " showed different verified blocks at height " + r.height() + " (" + r.kind() + ", "
                    + r.byzantineValidators() + " validators signed the conflicting block).";
        }
        if (this instanceof PrimaryDropped w) {
            return "The primary node " + w.primary() + " is no longer used after the attack; enter a new checkpoint "
                    + "from the consortium to verify again.";
        }
        if (this instanceof OtherChain w) {
            return "The verified headers are of chain \"" + w.verifiedChain() + "\" but the consortium is \""
                    + w.consortiumChain() + "\"; enter the consortium's checkpoint to start over.";
        }
        return ((WitnessProblem) this).message();
    }
}
