package org.healthwallet.ledger.client;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * The trust root: a block the consortium vouches for, by chain, height and header hash. It ships
 * with the consortium configuration; the light client trusts nothing that does not lead back to it.
 */
public record Checkpoint(String chainId, long height, Bytes headerHash) {
    public Checkpoint {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(headerHash, "headerHash");
        if (chainId.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint needs a chain id");
        }
        if (height < 1) {
            throw new IllegalArgumentException("a checkpoint height starts at 1, got " + height);
        }
        if (headerHash.length() != 32) {
            throw new IllegalArgumentException("a checkpoint header hash has 32 bytes, got " + headerHash.length());
        }
    }
}
