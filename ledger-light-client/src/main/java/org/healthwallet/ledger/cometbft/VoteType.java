package org.healthwallet.ledger.cometbft;

/** CometBFT's SignedMsgType, the first field of the canonical vote. */
public enum VoteType {
    UNKNOWN(0), PREVOTE(1), PRECOMMIT(2), PROPOSAL(32);

    private final int code;

    VoteType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
