package org.healthwallet.core.family;

/** A caregiver action that cannot be done, with a sentence for the person who asked. Nothing was changed. */
public final class FamilyException extends Exception {
    private static final long serialVersionUID = 1L;

    public FamilyException(String message) {
        super(message);
    }

    public FamilyException(String message, Throwable cause) {
        super(message, cause);
    }
}
