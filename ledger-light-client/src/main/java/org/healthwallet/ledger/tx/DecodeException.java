package org.healthwallet.ledger.tx;

import java.util.Objects;

/**
 * Bytes that are not a well-formed transaction, state value or proof. The message is written for
 * the person who sent them (it names the field and the limit); {@link #reason()} is for code.
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding stopped. */
    public enum Reason {
        TRUNCATED,
        TOO_LONG,
        TRAILING_BYTES,
        UNSUPPORTED_VERSION,
        UNKNOWN_KIND,
        OUT_OF_RANGE,
        BAD_TEXT,
        NOT_CANONICAL
    }

    private final Reason reason;

    public DecodeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
