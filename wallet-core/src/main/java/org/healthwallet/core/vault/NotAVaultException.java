package org.healthwallet.core.vault;

/** The file is not a HealthWallet wallet: not a database at all, or some other program's database. */
public final class NotAVaultException extends VaultException {
    public NotAVaultException(String message) { super(message); }
}
