package org.healthwallet.ledger.cometbft;

import java.util.Objects;

/**
 * A validator: its key, its voting power, and its proposer priority (which CometBFT reports but
 * does not hash). The address is derived from the key, never taken on trust.
 */
public record Validator(Ed25519PublicKey pubKey, long votingPower, long proposerPriority) {
    public Validator {
        Objects.requireNonNull(pubKey, "pubKey");
        if (votingPower < 0) {
            throw new IllegalArgumentException("a validator's voting power cannot be negative: " + votingPower);
        }
    }

    public Bytes address() {
        return pubKey.address();
    }

    /** The bytes CometBFT hashes into the validator set hash (SimpleValidator: key and power). */
    public byte[] hashBytes() {
        return CanonicalEncoding.simpleValidator(this);
    }
}
