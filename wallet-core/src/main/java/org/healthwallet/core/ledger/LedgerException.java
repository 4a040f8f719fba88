package org.healthwallet.core.ledger;

/** A ledger problem a person can read (a wallet file the ledger cannot use, a checkpoint for another chain). */
public final class LedgerException extends Exception {
    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
