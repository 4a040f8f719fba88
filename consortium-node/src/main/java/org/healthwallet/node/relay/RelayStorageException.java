package org.healthwallet.node.relay;

/** The relay's database failed; the request gets a 500 and nothing is served or changed. */
final class RelayStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RelayStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
