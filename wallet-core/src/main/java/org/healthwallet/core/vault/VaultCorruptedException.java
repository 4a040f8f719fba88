package org.healthwallet.core.vault;

/** The wallet file was altered, cut short or damaged; the message says which. Nothing was changed. */
public final class VaultCorruptedException extends VaultException {
    public VaultCorruptedException(String message) { super(message); }
    public VaultCorruptedException(String message, Throwable cause) { super(message, cause); }
}
