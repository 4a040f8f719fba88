package org.healthwallet.ledger.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.verify.Verdict;

/** What a sync ended with. Every case has a sentence for the user in {@link #describe()}. */
public sealed interface SyncResult {

    /** Verified, cross-checked with at least one witness, and stored. */
    record Synced(LightBlock block, List<String> warnings) implements SyncResult {
        public Synced {
            Objects.requireNonNull(block, "block");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Could not verify up to the height asked for; nothing new is trusted. {@code verdict} is the
     * verifier's when a header was rejected, null when a source failed.
     */
    record Failed(long height, Verdict verdict, String message) implements SyncResult {
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The newest trusted header is older than the trusting period: a new checkpoint is needed. */
    record TrustExpired(long trustedHeight, Instant expiredAt) implements SyncResult {
        public TrustExpired {
            Objects.requireNonNull(expiredAt, "expiredAt");
        }
    }

    /**
     * The primary and a witness showed two different verified histories: someone is attacking the
     * light client. Neither side is trusted; the primary is no longer used. {@code againstWitness}
     * is null when the reverse check could not be completed.
     */
    record Divergence(String primary, String witness, long height, AttackEvidence againstPrimary,
                      AttackEvidence againstWitness) implements SyncResult {
        public Divergence {
            Objects.requireNonNull(primary, "primary");
            Objects.requireNonNull(witness, "witness");
            Objects.requireNonNull(againstPrimary, "againstPrimary");
        }
    }

    default String describe() {
        if (this instanceof Synced s) {
            return "Verified the ledger up to height " + s.block().height() + " (" + s.block().time() + ")"
                    + (s.warnings().isEmpty() ? "." : "; " + String.join("; ", s.warnings()) + ".");
        }
        if (this instanceof Failed f) {
            return f.message();
        }
        if (this instanceof TrustExpired t) {
            return "The last verified ledger header (height " + t.trustedHeight() + ") is too old to trust since "
                    + t.expiredAt() + ". Ask the consortium for a new checkpoint.";
        }
        Divergence d = (Divergence) this;
        return "The ledger node " + d.primary() + " and the witness " + d.witness() + " show different blocks at height "
                + d.height() + ". This is an attack on the light client; " + d.againstPrimary().byzantineValidators().size()
                + " validators signed the conflicting block. " + d.primary() + " is no longer used; nothing from it "
                + "was trusted. Report this to the consortium.";
    }
}
