package org.healthwallet.node.rpc;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Bytes;

/** A transaction in a committed block, as /tx reports it: where it is and what it did. */
public record IndexedTx(Bytes hash, long height, int index, Bytes tx, ExecResult result) {
    public IndexedTx {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(result, "result");
    }
}
