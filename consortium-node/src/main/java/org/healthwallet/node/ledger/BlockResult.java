package org.healthwallet.node.ledger;

import java.util.List;

/** The outcome of executing one block: one {@link TxOutcome} per transaction, in order, and the new app hash. */
public record BlockResult(long height, List<TxOutcome> outcomes, byte[] appHash) {
    public BlockResult {
        outcomes = List.copyOf(outcomes);
        appHash = appHash.clone();
    }

    @Override
    public byte[] appHash() {
        return appHash.clone();
    }
}
