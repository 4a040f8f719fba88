package org.healthwallet.core.vault;

/** The passphrase does not open this wallet (or the key slot was altered, which looks the same). */
public final class WrongPassphraseException extends VaultException {
    public WrongPassphraseException() { super("The passphrase does not open this wallet."); }
}
