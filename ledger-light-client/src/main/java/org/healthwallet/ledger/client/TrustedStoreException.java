package org.healthwallet.ledger.client;

/** The verified-headers store could not be read or written. */
public final class TrustedStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrustedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
