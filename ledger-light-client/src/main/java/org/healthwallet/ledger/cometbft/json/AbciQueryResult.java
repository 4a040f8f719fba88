package org.healthwallet.ledger.cometbft.json;

import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Bytes;

/**
 * The response of /abci_query. {@code height} is the state's height: its app hash is in the
 * header of height + 1, which is what a proof is verified against.
 */
public record AbciQueryResult(
        long code, String log, String info, long index, Bytes key, Bytes value,
        List<ProofOp> proofOps, long height, String codespace) {
    public AbciQueryResult {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(codespace, "codespace");
        proofOps = List.copyOf(proofOps);
    }
}
