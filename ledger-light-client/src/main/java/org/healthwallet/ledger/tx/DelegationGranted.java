package org.healthwallet.ledger.tx;

import java.time.Duration;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * A dependent's key lets a caregiver's key act for it within a scope until {@code endsAt}.
 * Signed by the dependent. Granting again for the same pair replaces scope and end date.
 */
public record DelegationGranted(Ed25519PublicKey dependent, Ed25519PublicKey caregiver, DelegationScope scope,
                                long endsAt) implements Payload {
    /**
     * The longest a delegation may last, counted from the block that records it: 548 days (18
     * months), so an adult's caregiver must be renewed by the adult at least that often.
     */
    public static final Duration MAX_LIFETIME = Duration.ofDays(548);
    /**
     * The longest a delegation with {@link DelegationScope#HAND_OVER} (a minor's guardian, until the
     * 18th birthday) may last: 18 years of 365 days, their at most 5 leap days, and 5 days' margin
     * for the birthday's time zone and the block time, i.e. 6580 days.
     */
    public static final Duration MAX_GUARDIAN_LIFETIME = Duration.ofDays(18 * 365 + 5 + 5);

    public DelegationGranted {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(caregiver, "caregiver");
        Objects.requireNonNull(scope, "scope");
        if (endsAt <= 0) throw new IllegalArgumentException("endsAt must be positive unix seconds");
    }

    @Override
    public TxKind kind() {
        return TxKind.DELEGATION_GRANTED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.key(dependent).key(caregiver).u32(scope.bits()).u64(endsAt);
    }

    static DelegationGranted read(BinaryReader in) throws DecodeException {
        Ed25519PublicKey dependent = in.key("dependent key");
        Ed25519PublicKey caregiver = in.key("caregiver key");
        long bits = in.u32("scope");
        if (bits == 0 || (bits & ~DelegationScope.KNOWN_BITS) != 0) {
            throw new DecodeException(Reason.OUT_OF_RANGE,
                    "scope 0x" + Long.toHexString(bits) + " is not a non-empty combination of "
                    + DelegationScope.KNOWN_NAMES + ".");
        }
        long endsAt = in.u64("end date");
        if (endsAt == 0) throw new DecodeException(Reason.OUT_OF_RANGE, "end date must not be zero.");
        return new DelegationGranted(dependent, caregiver, new DelegationScope((int) bits), endsAt);
    }
}
