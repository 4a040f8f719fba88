package org.healthwallet.ledger.cometbft.json;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Bytes;

/** One step of a state proof in an /abci_query answer (CometBFT's crypto.ProofOp). */
public record ProofOp(String type, Bytes key, Bytes data) {
    public ProofOp {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }
}
