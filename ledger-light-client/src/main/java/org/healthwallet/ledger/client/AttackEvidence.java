package org.healthwallet.ledger.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.LightBlock;
import org.healthwallet.ledger.cometbft.Validator;

/**
 * Light client attack evidence, as CometBFT defines it: a conflicting block that verifies from a
 * common trusted block, the common height, and the validators that signed the conflicting block.
 * It is what a full node needs to punish them.
 *
 * @param kind             LUNATIC when the conflicting header could not come from a valid state
 *                         transition, EQUIVOCATION when validators signed two blocks in one round,
 *                         AMNESIA when in different rounds (the signers cannot be told apart then)
 * @param totalVotingPower the power of the validator set at the common height (lunatic) or at the
 *                         conflicting height (otherwise)
 */
public record AttackEvidence(
        Kind kind,
        LightBlock conflictingBlock,
        long commonHeight,
        List<Validator> byzantineValidators,
        long totalVotingPower,
        Instant timestamp) {

    public enum Kind { LUNATIC, EQUIVOCATION, AMNESIA }

    public AttackEvidence {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(conflictingBlock, "conflictingBlock");
        Objects.requireNonNull(timestamp, "timestamp");
        byzantineValidators = List.copyOf(byzantineValidators);
    }
}
