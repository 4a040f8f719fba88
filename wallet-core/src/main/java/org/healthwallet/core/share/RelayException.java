package org.healthwallet.core.share;

import java.time.Duration;
import java.util.Optional;

/**
 * The relay refused or could not be reached. {@link #status()} is the HTTP status (0 when nothing
 * was answered); the message is for the patient.
 */
public final class RelayException extends ShareException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    public RelayException(String message, int status, Optional<Duration> retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public RelayException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.retryAfter = Optional.empty();
    }

    public int status() {
        return status;
    }

    /** How long the relay asked to wait (429, 503), if it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter == null ? Optional.empty() : retryAfter;
    }
}
