package org.healthwallet.core.accesslog;

/** The access log could not be verified; the message is written for the patient. */
public final class AccessLogException extends Exception {
    /** MISMATCH: the entries do not match the verified head. UNREADABLE: no proven answer, or the vault failed. */
    public enum Kind { MISMATCH, UNREADABLE }

    private final Kind kind;

    public AccessLogException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public AccessLogException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
