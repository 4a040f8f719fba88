package org.healthwallet.ledger.verify;

import java.util.Objects;

/** The outcome of verifying one header against a trusted one. */
public sealed interface Verdict {
    Verdict SUCCESS = new Success();

    /** The header is verified: it may become the new trusted header. */
    record Success() implements Verdict {
    }

    /**
     * Too little of the trusted validators' power signed a header reached by skipping: not a sign
     * of an attack, only that the validator set changed too much; verify a header in between first.
     */
    record NotEnoughTrust(Fraction signed, Fraction needed) implements Verdict {
        public NotEnoughTrust {
            Objects.requireNonNull(signed, "signed");
            Objects.requireNonNull(needed, "needed");
        }
    }

    /** The header is not valid: never trust it (and distrust whoever sent it). */
    record Invalid(Reason reason, String detail) implements Verdict {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** One line for a person: "SUCCESS", "NOT_ENOUGH_TRUST: …", "INVALID: REASON: …". */
    default String describe() {
        if (this instanceof NotEnoughTrust n) {
            return "NOT_ENOUGH_TRUST: validators holding " + n.signed() + " of the trusted power signed; more than "
                    + n.needed() + " is needed";
        }
        if (this instanceof Invalid i) {
            return "INVALID: " + i.reason() + ": " + i.reason().description() + " (" + i.detail() + ")";
        }
        return "SUCCESS";
    }
}
