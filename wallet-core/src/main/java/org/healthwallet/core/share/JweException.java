package org.healthwallet.core.share;

/** An encrypted file could not be opened: it is not a JWE we accept, was altered, or the key is wrong. */
public final class JweException extends ShareException {
    private static final long serialVersionUID = 1L;

    public JweException(String message) {
        super(message);
    }

    public JweException(String message, Throwable cause) {
        super(message, cause);
    }
}
