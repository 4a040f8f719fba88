package org.healthwallet.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * What the wallet knows of the consortium ledger: how far it verified it, who validates it, which
 * nodes it asks, when it last synced, and what the person should know.
 *
 * @param chainId        the consortium's chain
 * @param latest         the newest verified header, if any
 * @param validators     the validators of that header with their voting power, in CometBFT's order
 * @param primary        the node the light client fetches from
 * @param witnesses      the nodes that cross-check it
 * @param trustExpiresAt when the newest verified header stops being a basis for verification
 * @param lastAttempt    when a sync last ran
 * @param lastSuccess    when a sync last verified the ledger
 * @param lastOutcome    how the last sync ended, with the light client's sentence in {@code lastMessage}
 * @param warnings       what the person should know, most serious first
 */
public record LedgerStatus(String chainId, Optional<VerifiedHeight> latest, List<ValidatorPower> validators,
                           String primary, List<String> witnesses, Optional<Instant> trustExpiresAt,
                           Optional<Instant> lastAttempt, Optional<Instant> lastSuccess, SyncOutcome lastOutcome,
                           String lastMessage, List<LedgerWarning> warnings) {

    /** A verified header: height, time, and the hashes a state proof or a person checks against. */
    public record VerifiedHeight(long height, Instant time, Bytes headerHash, Bytes appHash) {
        public VerifiedHeight {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(headerHash, "headerHash");
            Objects.requireNonNull(appHash, "appHash");
        }
    }

    /** A validator by its address (hex, as CometBFT shows it) with its voting power. */
    public record ValidatorPower(String address, long votingPower) {
        public ValidatorPower {
            Objects.requireNonNull(address, "address");
        }
    }

    public LedgerStatus {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(latest, "latest");
        validators = List.copyOf(validators);
        Objects.requireNonNull(primary, "primary");
        witnesses = List.copyOf(witnesses);
        Objects.requireNonNull(trustExpiresAt, "trustExpiresAt");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastOutcome, "lastOutcome");
        Objects.requireNonNull(lastMessage, "lastMessage");
        warnings = List.copyOf(warnings);
    }

    public long totalVotingPower() {
        return validators.stream().mapToLong(ValidatorPower::votingPower).sum();
    }

    /** True when only a new checkpoint lets the wallet verify again (expired trust, another chain, an attack). */
    public boolean needsCheckpoint() {
        return lastOutcome == SyncOutcome.TRUST_EXPIRED || warnings.stream().anyMatch(LedgerWarning::needsCheckpoint);
    }
}
