package org.healthwallet.core.share;

/** The text is not a SMART Health Link this wallet can open; the message says what is wrong with it. */
public final class MalformedLinkException extends ShareException {
    private static final long serialVersionUID = 1L;

    public MalformedLinkException(String message) {
        super(message);
    }

    public MalformedLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
