package org.healthwallet.ledger.cometbft;

import java.time.Instant;
import java.util.Objects;

/**
 * One validator's entry in a commit. An absent entry carries no address, no signature and Go's
 * zero time (0001-01-01T00:00:00Z), whatever timestamp a server wrote, because that is what Go
 * hashes into the next header's last_commit_hash.
 */
public record CommitSig(BlockIdFlag flag, Bytes validatorAddress, Instant timestamp, Bytes signature) {
    /** Go's zero time.Time, written by CometBFT for absent signatures. */
    public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    public static final int ADDRESS_SIZE = 20;

    public CommitSig {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(validatorAddress, "validatorAddress");
        Objects.requireNonNull(signature, "signature");
        if (flag == BlockIdFlag.ABSENT) {
            if (!validatorAddress.isEmpty() || !signature.isEmpty()) {
                throw new IllegalArgumentException("an absent commit signature has no address and no signature");
            }
            timestamp = GO_ZERO_TIME;
        } else {
            Objects.requireNonNull(timestamp, "timestamp");
            if (validatorAddress.length() != ADDRESS_SIZE) {
                throw new IllegalArgumentException("a validator address has 20 bytes, got " + validatorAddress.length());
            }
            if (signature.isEmpty() || signature.length() > Ed25519PublicKey.SIGNATURE_SIZE) {
                throw new IllegalArgumentException("a commit signature has 1 to 64 bytes, got " + signature.length());
            }
        }
    }

    public static CommitSig absent() {
        return new CommitSig(BlockIdFlag.ABSENT, Bytes.EMPTY, GO_ZERO_TIME, Bytes.EMPTY);
    }

    public static CommitSig forBlock(Bytes validatorAddress, Instant timestamp, Bytes signature) {
        return new CommitSig(BlockIdFlag.COMMIT, validatorAddress, timestamp, signature);
    }

    public static CommitSig forNil(Bytes validatorAddress, Instant timestamp, Bytes signature) {
        return new CommitSig(BlockIdFlag.NIL, validatorAddress, timestamp, signature);
    }

    public boolean isAbsent() {
        return flag == BlockIdFlag.ABSENT;
    }

    public boolean isForBlock() {
        return flag == BlockIdFlag.COMMIT;
    }
}
