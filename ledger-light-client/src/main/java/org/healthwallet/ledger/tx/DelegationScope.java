package org.healthwallet.ledger.tx;

import java.util.ArrayList;
import java.util.List;

/**
 * What a caregiver may do for a dependent, as bits of a u32. The ledger enforces {@link #SHARE},
 * {@link #REVOKE} and {@link #HAND_OVER}; {@link #RECORDS} is for wallets and relays (reading and
 * importing records).
 */
public record DelegationScope(int bits) {
    /** Issue grants (shares) of the dependent's records. */
    public static final int SHARE = 0x1;
    /** Revoke the dependent's grants. */
    public static final int REVOKE = 0x2;
    /** Read and import the dependent's records (checked off the ledger). */
    public static final int RECORDS = 0x4;
    /**
     * Hand the dependent's identity over to a new key (a minor's guardian at 18). Without it a
     * caregiver who may read or share can never take over the dependent's identity.
     */
    public static final int HAND_OVER = 0x8;
    public static final int KNOWN_BITS = SHARE | REVOKE | RECORDS | HAND_OVER;
    public static final DelegationScope ALL = new DelegationScope(KNOWN_BITS);
    /** How the decoders name the known bits in their refusals. */
    public static final String KNOWN_NAMES = "share(1), revoke(2), records(4), hand-over(8)";

    public DelegationScope {
        if (bits == 0 || (bits & ~KNOWN_BITS) != 0) {
            throw new IllegalArgumentException("scope must be a non-empty combination of " + KNOWN_NAMES);
        }
    }

    public boolean allows(int bit) {
        return (bits & bit) == bit;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        if (allows(SHARE)) names.add("share");
        if (allows(REVOKE)) names.add("revoke");
        if (allows(RECORDS)) names.add("records");
        if (allows(HAND_OVER)) names.add("hand-over");
        return String.join("+", names);
    }
}
