package org.healthwallet.ledger.state;

/** The outcome of checking a {@link StateProof} against an app hash. */
public sealed interface ProofVerdict {
    record Valid() implements ProofVerdict {
    }

    /** Why the proof does not show what was claimed, in words for a log or a user. */
    record Invalid(String reason) implements ProofVerdict {
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
