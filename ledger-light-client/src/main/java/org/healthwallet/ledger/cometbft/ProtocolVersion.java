package org.healthwallet.ledger.cometbft;

/** The header's version: block protocol (11 for CometBFT v0.38) and the application's version. */
public record ProtocolVersion(long block, long app) {
    /** CometBFT v0.34 to v0.38 all use block protocol 11. */
    public static final long BLOCK_PROTOCOL = 11;
}
