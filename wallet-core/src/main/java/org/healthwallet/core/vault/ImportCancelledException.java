package org.healthwallet.core.vault;

/** The patient cancelled an import; its transaction was rolled back. */
public final class ImportCancelledException extends VaultException {
    public ImportCancelledException() { super("Import cancelled; nothing was changed."); }
}
