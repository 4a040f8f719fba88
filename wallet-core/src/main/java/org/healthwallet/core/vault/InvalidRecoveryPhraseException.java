package org.healthwallet.core.vault;

/** Words typed as a recovery phrase that are not one; the message says which word or what is wrong. */
public final class InvalidRecoveryPhraseException extends VaultException {
    public InvalidRecoveryPhraseException(String message) { super(message); }
}
