package org.healthwallet.ledger.cometbft;

import java.util.Objects;

/** How a block was split into parts for gossip: the part count and the Merkle root of the parts. */
public record PartSetHeader(long total, Bytes hash) {
    public static final PartSetHeader EMPTY = new PartSetHeader(0, Bytes.EMPTY);

    public PartSetHeader {
        Objects.requireNonNull(hash, "hash");
        if (total < 0 || total > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a part set total is a uint32, got " + total);
        }
    }

    public boolean isZero() {
        return total == 0 && hash.isEmpty();
    }
}
