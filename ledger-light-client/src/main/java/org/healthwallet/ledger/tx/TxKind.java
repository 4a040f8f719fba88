package org.healthwallet.ledger.tx;

import java.util.Optional;

/** The kind byte of a transaction envelope. The numbers are part of the wire format; never reuse one. */
public enum TxKind {
    GRANT_ISSUED(0x01),
    GRANT_REVOKED(0x02),
    ACCESS_RECORDED(0x03),
    DELEGATION_GRANTED(0x04),
    DELEGATION_REVOKED(0x05),
    HAND_OVER(0x06),
    RECORD_ANCHORED(0x07),
    RELAY_REGISTERED(0x08);

    private final int code;

    TxKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<TxKind> fromCode(int code) {
        for (TxKind kind : values()) {
            if (kind.code == code) return Optional.of(kind);
        }
        return Optional.empty();
    }

    /** The name used in events and logs, e.g. {@code grant_issued}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
