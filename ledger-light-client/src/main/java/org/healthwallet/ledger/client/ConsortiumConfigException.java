package org.healthwallet.ledger.client;

/** A consortium configuration that cannot be read or is not valid; the message says why, for the user. */
public final class ConsortiumConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConsortiumConfigException(String message) {
        super(message);
    }

    public ConsortiumConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
