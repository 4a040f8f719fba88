package org.healthwallet.ledger.client;

/** A provider could not give a light block; {@link #kind()} says whether it is the source's fault. */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Did not answer in time, refused the connection, or answered with a server error. */
        UNAVAILABLE,
        /** Does not have that height (pruned, or before its first block). */
        NOT_FOUND,
        /** That height is beyond its newest block. */
        HEIGHT_TOO_HIGH,
        /** Answered with something that is not a valid CometBFT answer. */
        BAD_RESPONSE
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
