package org.healthwallet.node.ledger;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one transaction: a code, a reason a person can read, result data (for an access
 * record, its index in the log as a u64) and indexed event attributes (CometBFT's /tx_search).
 */
public record TxOutcome(TxCode code, String log, byte[] data, List<Attribute> attributes) {
    /** One event attribute of the {@value #EVENT_TYPE} event. */
    public record Attribute(String key, String value) {
    }

    public static final String EVENT_TYPE = "healthwallet";

    public TxOutcome {
        Objects.requireNonNull(code);
        Objects.requireNonNull(log);
        data = data == null ? new byte[0] : data.clone();
        attributes = List.copyOf(attributes);
    }

    public static TxOutcome rejected(TxCode code, String reason) {
        if (code == TxCode.OK) throw new IllegalArgumentException("a rejection needs a failure code");
        return new TxOutcome(code, reason, new byte[0], List.of());
    }

    public boolean ok() {
        return code == TxCode.OK;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxOutcome o && code == o.code && log.equals(o.log)
                && java.util.Arrays.equals(data, o.data) && attributes.equals(o.attributes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, log, java.util.Arrays.hashCode(data), attributes);
    }

    @Override
    public String toString() {
        return code + (log.isEmpty() ? "" : ": " + log);
    }
}
