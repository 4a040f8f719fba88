package org.healthwallet.ledger.verify;

/** A light block file that cannot be read or is not a light block; the message names the file. */
public final class LightBlockFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public LightBlockFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
