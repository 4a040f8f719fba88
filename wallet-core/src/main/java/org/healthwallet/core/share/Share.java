package org.healthwallet.core.share;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.ledger.tx.Digest;

/**
 * A share the patient made, as the wallet remembers it (encrypted in the vault): the link with its
 * key, what was shared, and whether it was revoked.
 *
 * @param id the wallet's id for it
 * @param relayId the relay's id for it (to revoke; its SHA-256 is the grant's key on the ledger)
 * @param link the link the doctor got, key included; {@link ShareLink#toString()} hides the key
 * @param createdAt when it was made
 * @param selection what was shared, described for the patient
 * @param passcodeProtected whether the doctor needs a passcode (the passcode itself is not kept)
 * @param scope the grant's scope digest on the ledger (over the encrypted files)
 * @param revokedAt when it was revoked, if it was
 */
public record Share(UUID id, String relayId, ShareLink link, Instant createdAt, String selection,
                   boolean passcodeProtected, Digest scope, Optional<Instant> revokedAt) {
    /** What the list of shares shows. */
    public enum State { ACTIVE, EXPIRED, REVOKED }

    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(relayId, "relayId");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public Optional<String> label() {
        return link.label();
    }

    public Optional<Instant> expiresAt() {
        return link.expiresAt();
    }

    public State state(Instant now) {
        if (revokedAt.isPresent()) {
            return State.REVOKED;
        }
        return link.isExpiredAt(now) ? State.EXPIRED : State.ACTIVE;
    }

    /** The ledger's key for this share's grant: SHA-256 of the relay's id. */
    public Digest grantId() {
        return grantIdOf(relayId);
    }

    static Digest grantIdOf(String relayId) {
        return Digest.sha256(relayId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Share revoked(Instant at) {
        return new Share(id, relayId, link, createdAt, selection, passcodeProtected, scope, Optional.of(at));
    }
}
