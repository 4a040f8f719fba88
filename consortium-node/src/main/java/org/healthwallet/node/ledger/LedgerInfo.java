package org.healthwallet.node.ledger;

import java.util.Optional;

/**
 * Where the ledger stands: the last committed height (0 before the first block) and its app hash
 * (the genesis app hash at height 0; empty before InitChain). The chain id is empty until InitChain.
 */
public record LedgerInfo(Optional<String> chainId, long lastHeight, byte[] lastAppHash) {
    public LedgerInfo {
        lastAppHash = lastAppHash.clone();
    }

    @Override
    public byte[] lastAppHash() {
        return lastAppHash.clone();
    }
}
