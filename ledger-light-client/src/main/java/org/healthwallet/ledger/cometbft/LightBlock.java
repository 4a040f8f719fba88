package org.healthwallet.ledger.cometbft;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the light client verifies: a signed header with the validator set that signed it and the
 * set for the next height. Either set may be unknown (null) where a source does not give it, e.g.
 * a trust root given as header and next validators only; the verifier says so when it needs one.
 */
public record LightBlock(SignedHeader signedHeader, ValidatorSet validatorSet, ValidatorSet nextValidatorSet) {
    public LightBlock {
        Objects.requireNonNull(signedHeader, "signedHeader");
    }

    public Header header() {
        return signedHeader.header();
    }

    public Commit commit() {
        return signedHeader.commit();
    }

    public long height() {
        return signedHeader.header().height();
    }

    public Instant time() {
        return signedHeader.header().time();
    }

    public String chainId() {
        return signedHeader.header().chainId();
    }

    /** The header hash (the block id hash). */
    public Bytes hash() {
        return signedHeader.header().hash();
    }

    public Optional<ValidatorSet> validators() {
        return Optional.ofNullable(validatorSet);
    }

    public Optional<ValidatorSet> nextValidators() {
        return Optional.ofNullable(nextValidatorSet);
    }
}
