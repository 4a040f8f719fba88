package org.healthwallet.node.ledger;

/** The ledger's database cannot be read or written, or does not match its own app hash. */
public final class LedgerStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerStorageException(String message) {
        super(message);
    }

    public LedgerStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
