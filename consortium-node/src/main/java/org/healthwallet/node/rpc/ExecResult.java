package org.healthwallet.node.rpc;

import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.TxResult;

/**
 * What the application answered for one transaction, in CometBFT's shape (ResponseCheckTx and
 * ExecTxResult share these fields). Only code, data and gas enter the block's last_results_hash.
 */
public record ExecResult(long code, Bytes data, String log, String codespace, List<Event> events) {
    /** An ABCI event: a type and indexed key/value attributes. */
    public record Event(String type, List<Attribute> attributes) {
        public Event {
            Objects.requireNonNull(type, "type");
            attributes = List.copyOf(attributes);
        }
    }

    public record Attribute(String key, String value, boolean index) {
        public Attribute {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public ExecResult {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(codespace, "codespace");
        events = List.copyOf(events);
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a result code is a uint32, got " + code);
        }
    }

    public boolean ok() {
        return code == 0;
    }

    /** The deterministic part CometBFT hashes (gas is not metered by this application). */
    public TxResult hashed() {
        return new TxResult(code, data, 0, 0);
    }
}
