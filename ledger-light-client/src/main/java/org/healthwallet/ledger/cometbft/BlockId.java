package org.healthwallet.ledger.cometbft;

import java.util.Objects;

/** A block's identity: its header hash and its part set header. */
public record BlockId(Bytes hash, PartSetHeader partSetHeader) {
    /** The id of "no block" (the last block id of height 1, the block id of a nil vote). */
    public static final BlockId EMPTY = new BlockId(Bytes.EMPTY, PartSetHeader.EMPTY);

    public BlockId {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(partSetHeader, "partSetHeader");
    }

    public boolean isZero() {
        return hash.isEmpty() && partSetHeader.isZero();
    }
}
