package org.healthwallet.ledger.verify;

/** Why a header was rejected: one value per rule of the CometBFT light client specification. */
public enum Reason {
    BAD_SIGNATURE("a commit signature does not verify"),
    INSUFFICIENT_POWER("not more than 2/3 of the header's own validators' power signed it"),
    DUPLICATE_SIGNER("a validator signed the commit twice"),
    UNKNOWN_SIGNER("a commit signature is from a validator outside the header's validator set"),
    SIGNER_OUT_OF_ORDER("a commit signature is not at its validator's position in the set"),
    COMMIT_SIZE_MISMATCH("the commit does not have one entry per validator"),
    WRONG_CHAIN_ID("the header belongs to another chain"),
    NON_INCREASING_HEIGHT("the header is not higher than the trusted header"),
    ADJACENCY_MISMATCH("the heights do not fit the kind of verification asked for"),
    WRONG_COMMIT_HEIGHT("the commit is for another height than the header"),
    COMMIT_FOR_ANOTHER_BLOCK("the commit signs another block than this header"),
    MALFORMED_HEADER("the header is malformed"),
    MALFORMED_COMMIT("the commit is malformed"),
    HEADER_FROM_FUTURE("the header's time is beyond our clock plus the allowed drift"),
    TRUSTED_HEADER_EXPIRED("the trusted header is older than the trusting period"),
    NON_MONOTONIC_TIME("the header's time is not after the trusted header's time"),
    VALIDATORS_HASH_MISMATCH("the validator set given does not match the header's validators hash"),
    NEXT_VALIDATORS_HASH_MISMATCH("the next validator set given does not match the header's next validators hash"),
    VALIDATOR_SET_CHANGED_UNANNOUNCED("the header's validators are not those the trusted header announced as next"),
    MISSING_VALIDATOR_SET("a validator set needed for the check was not given"),
    HASH_CHAIN_BROKEN("the older header is not the one the trusted header points back to");

    private final String description;

    Reason(String description) {
        this.description = description;
    }

    /** A sentence for a person. */
    public String description() {
        return description;
    }
}
