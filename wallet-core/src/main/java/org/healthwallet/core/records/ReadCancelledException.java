package org.healthwallet.core.records;

/** The patient cancelled while files were being read; nothing read so far is kept. */
public class ReadCancelledException extends FhirReadException {
    public ReadCancelledException() {
        super("The import was cancelled.");
    }
}
