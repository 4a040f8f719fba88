package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;
import org.healthwallet.ledger.tx.DelegationScope;

/**
 * A delegation (key {@link StateKey#delegation}). It is active while {@code ended} is
 * {@link Ending#NONE} and the block time is before {@code endsAt}.
 */
public record DelegationRecord(Ed25519PublicKey dependent, Ed25519PublicKey caregiver, DelegationScope scope,
                               long endsAt, long grantedHeight, Ending ended, long endedHeight) {

    /** How a delegation ended before its end date. The numbers are part of the encoding. */
    public enum Ending {
        NONE(0), REVOKED(1), HANDED_OVER(2);

        final int code;

        Ending(int code) {
            this.code = code;
        }
    }

    public boolean activeAt(long unixSeconds) {
        return ended == Ending.NONE && unixSeconds < endsAt;
    }

    public boolean allowsAt(int scopeBit, long unixSeconds) {
        return activeAt(unixSeconds) && scope.allows(scopeBit);
    }

    public DelegationRecord endedAt(Ending how, long height) {
        return new DelegationRecord(dependent, caregiver, scope, endsAt, grantedHeight, how, height);
    }

    public byte[] encode() {
        return new BinaryWriter(1 + 64 + 4 + 24 + 1).u8(StateKey.DELEGATION).key(dependent).key(caregiver)
                .u32(scope.bits()).u64(endsAt).u64(grantedHeight).u8(ended.code).u64(endedHeight).toByteArray();
    }

    public static DelegationRecord decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.DELEGATION, "delegation");
        Ed25519PublicKey dependent = in.key("dependent");
        Ed25519PublicKey caregiver = in.key("caregiver");
        long bits = in.u32("scope");
        if (bits == 0 || (bits & ~DelegationScope.KNOWN_BITS) != 0) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "The delegation's scope 0x" + Long.toHexString(bits)
                    + " is not a non-empty combination of " + DelegationScope.KNOWN_NAMES + ".");
        }
        long endsAt = in.u64("end date");
        long grantedHeight = in.u64("granted height");
        int endingCode = in.u8("ending");
        Ending ending = null;
        for (Ending e : Ending.values()) if (e.code == endingCode) ending = e;
        if (ending == null) throw new DecodeException(Reason.OUT_OF_RANGE, "The delegation's ending " + endingCode + " is unknown.");
        DelegationRecord record = new DelegationRecord(dependent, caregiver, new DelegationScope((int) bits), endsAt,
                grantedHeight, ending, in.u64("ended height"));
        in.finish("The delegation");
        return record;
    }
}
