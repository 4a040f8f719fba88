package org.healthwallet.core.share;

/**
 * Something about a share went wrong. The message is written for the person using the wallet (the
 * patient, or the doctor opening a link): show {@link #getMessage()}, never a stack trace. Messages
 * never contain a share's key, link or passcode.
 */
public class ShareException extends Exception {
    private static final long serialVersionUID = 1L;

    public ShareException(String message) {
        super(message);
    }

    public ShareException(String message, Throwable cause) {
        super(message, cause);
    }
}
