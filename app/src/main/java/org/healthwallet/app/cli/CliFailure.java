package org.healthwallet.app.cli;

/**
 * A problem the person at the command line can fix (a missing passphrase, a file that is not
 * there). Its message is printed alone, on one line, and the command exits with
 * {@link Cli#EXIT_FAILED}.
 */
public final class CliFailure extends RuntimeException {
    public CliFailure(String message) {
        super(message);
    }
}
