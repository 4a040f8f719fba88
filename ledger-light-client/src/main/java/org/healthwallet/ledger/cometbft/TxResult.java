package org.healthwallet.ledger.cometbft;

import java.util.Objects;

/** The deterministic part of a transaction's execution result, which CometBFT hashes. */
public record TxResult(long code, Bytes data, long gasWanted, long gasUsed) {
    public TxResult {
        Objects.requireNonNull(data, "data");
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a result code is a uint32, got " + code);
        }
    }
}
