package org.healthwallet.node.relay;

/**
 * The ledger could not be asked or written to (node down, timeout, an answer that is not CometBFT's,
 * a proof that does not verify). The relay then answers 503 and serves nothing: no log, no data.
 */
final class LedgerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    LedgerUnavailableException(String message) {
        super(message);
    }

    LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
