package org.healthwallet.core.crypto;

/** A recovery phrase that is not a valid BIP-39 English mnemonic; the message says what is wrong. */
public final class InvalidMnemonicException extends Exception {
    public InvalidMnemonicException(String message) { super(message); }
}
