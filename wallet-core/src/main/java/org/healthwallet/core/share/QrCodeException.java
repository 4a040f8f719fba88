package org.healthwallet.core.share;

/** A QR code could not be made or read; the message says why in words for the user. */
public final class QrCodeException extends ShareException {
    private static final long serialVersionUID = 1L;

    public QrCodeException(String message) {
        super(message);
    }

    public QrCodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
