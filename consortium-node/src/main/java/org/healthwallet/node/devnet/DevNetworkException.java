package org.healthwallet.node.devnet;

/**
 * The dev network cannot start or go on: its data folder is damaged, does not match the options,
 * or cannot be written. The message is written for the person running it.
 */
public final class DevNetworkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DevNetworkException(String message) {
        super(message);
    }

    public DevNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
