package org.healthwallet.app.ui.common;

import org.healthwallet.app.ErrorLog;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.vault.VaultException;

/**
 * Turns a failed background task into what the person reads: the vault's own message for a
 * problem they can act on, and for a bug a short line naming the log file that has the details.
 */
public final class Failures {
    private final ErrorLog log;

    public Failures(ErrorLog log) {
        this.log = log;
    }

    public UserText describe(String context, Throwable failure) {
        if (failure instanceof VaultException || failure instanceof FhirReadException) {
            return UserText.literal(failure.getMessage());
        }
        java.nio.file.Path written = log.record(context, failure);
        return UserText.of("error.unexpected", ErrorLog.shortDescription(failure),
                written == null ? "-" : written.toString());
    }
}
