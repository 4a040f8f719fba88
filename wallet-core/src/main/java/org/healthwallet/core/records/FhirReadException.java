package org.healthwallet.core.records;

/**
 * A file or stream that cannot be read at all (missing, unreadable, not valid JSON). The message
 * is written for the patient and names the file, and where in it the problem is when known.
 */
public class FhirReadException extends Exception {
    public FhirReadException(String message) {
        super(message);
    }

    public FhirReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
