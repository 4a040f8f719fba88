package org.healthwallet.node.relay;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.Digest;

/**
 * A share as the relay holds it. {@code id} is the relay's id for the wallet (it revokes by it),
 * {@code digest} its SHA-256, the ledger's share id; {@code manifestId} is the other random value, in
 * the manifest URL, so knowing the revoke id gives no access. {@code owner} is the key that signed
 * the create request; the grant on the ledger must name it as patient or issuer, and only it may
 * revoke. {@code scope} is what the grant must commit to ({@code ShareScope}): the digests of the
 * files, or for a long-term (flag L) share, whose files its owner replaces, the share's id.
 *
 * @param flags        the link's flags as letters, e.g. {@code "LP"}
 * @param expiresAt    unix seconds; the relay refuses the share from then on
 * @param passcode     the slow hash, for flag P
 * @param attemptsLeft wrong passcodes still allowed (counted for the link's lifetime)
 * @param files        empty once the share is revoked, disabled or expired (the ciphertext is deleted)
 */
record StoredShare(String id, String manifestId, Digest digest, Digest scope, Ed25519PublicKey owner, String flags, long expiresAt,
                   Optional<PasscodeHash> passcode, int attemptsLeft, Status status, long createdAt,
                   List<StoredFile> files) {
    enum Status {
        /** Serving (if the ledger agrees). */
        ACTIVE,
        /** Revoked by its owner, or found revoked on the ledger. */
        REVOKED,
        /** Too many wrong passcodes. */
        DISABLED,
        /** Past its expiry; its files were purged. */
        EXPIRED,
        /** Its grant did not appear on the ledger in time after the upload; its files were deleted. */
        UNCLAIMED
    }

    StoredShare {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(manifestId, "manifestId");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(passcode, "passcode");
        Objects.requireNonNull(status, "status");
        files = List.copyOf(files);
    }

    boolean hasFlag(char flag) {
        return flags.indexOf(flag) >= 0;
    }

    boolean expiredAt(long unixSeconds) {
        return unixSeconds >= expiresAt;
    }

    /** Whether the relay may still serve it as far as its own records go (the ledger is asked separately). */
    boolean servableAt(long unixSeconds) {
        return status == Status.ACTIVE && !expiredAt(unixSeconds) && !files.isEmpty();
    }

    /** What logs may show of a share: the first 16 hex digits of its digest, never its id (the id opens the link). */
    String logName() {
        return digest.hex().substring(0, 16);
    }

    @Override
    public String toString() {
        return "StoredShare[" + logName() + ", " + status + ", flags=" + flags + ", " + files.size() + " files]";
    }
}
