package org.healthwallet.core.vault;

/**
 * A vault problem a person can read: the message is written for the patient and is what the app
 * and the command line show. Subclasses name the case so callers can react to it.
 */
public class VaultException extends Exception {
    public VaultException(String message) { super(message); }
    public VaultException(String message, Throwable cause) { super(message, cause); }
}
