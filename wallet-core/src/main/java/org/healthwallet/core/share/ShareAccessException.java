package org.healthwallet.core.share;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Opening a shared link failed for a reason the viewer can act on (ask for a passcode, wait, ask
 * the patient for a new link). The message is for the doctor.
 */
public final class ShareAccessException extends ShareException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The link's own expiry has passed; nothing was requested. */
        EXPIRED,
        /** The link needs a passcode and none was given; nothing was requested. */
        PASSCODE_NEEDED,
        /** 401: the passcode was wrong; see {@link #remainingAttempts()}. */
        WRONG_PASSCODE,
        /** 404: expired, revoked, disabled or unknown on the server. */
        NOT_FOUND,
        /** 429: asked too often; see {@link #retryAfter()}. */
        TOO_MANY_REQUESTS,
        /** 503: the server cannot serve now (our relay: the ledger is unreachable). */
        UNAVAILABLE,
        /** No answer at all. */
        UNREACHABLE,
        /** An answer that is not what the protocol says. */
        BAD_ANSWER
    }

    private final Reason reason;
    private final Integer remainingAttempts;
    private final Duration retryAfter;

    ShareAccessException(Reason reason, String message, OptionalInt remainingAttempts, Optional<Duration> retryAfter) {
        super(message);
        this.reason = reason;
        this.remainingAttempts = remainingAttempts.isPresent() ? remainingAttempts.getAsInt() : null;
        this.retryAfter = retryAfter.orElse(null);
    }

    ShareAccessException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.remainingAttempts = null;
        this.retryAfter = null;
    }

    public Reason reason() {
        return reason;
    }

    /** After a wrong passcode: how many more tries the server allows, when it said. */
    public OptionalInt remainingAttempts() {
        return remainingAttempts == null ? OptionalInt.empty() : OptionalInt.of(remainingAttempts);
    }

    /** How long the server asked to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
