package org.healthwallet.node.relay;

/** The relay cannot start (folder, key, port, TLS, registration); the message says why and what to do. */
public final class RelayStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RelayStartException(String message) {
        super(message);
    }

    public RelayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
