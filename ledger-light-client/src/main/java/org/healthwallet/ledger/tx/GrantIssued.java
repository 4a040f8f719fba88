package org.healthwallet.ledger.tx;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * A patient (or a caregiver for a dependent) shares records through a relay until {@code expiresAt}.
 * The ledger sees only digests: the share id and the scope (what was shared) are hashed by the wallet.
 *
 * @param shareId   SHA-256 of the share's id on the relay
 * @param patient   whose records are shared (the owner of the access log)
 * @param scope     SHA-256 of the wallet's description of what is shared
 * @param expiresAt unix seconds after which the relay must refuse the share
 * @param relay     key of the registered relay that holds the encrypted share
 */
public record GrantIssued(Digest shareId, Ed25519PublicKey patient, Digest scope, long expiresAt,
                          Ed25519PublicKey relay) implements Payload {
    public GrantIssued {
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(relay, "relay");
        if (expiresAt <= 0) throw new IllegalArgumentException("expiresAt must be positive unix seconds");
    }

    @Override
    public TxKind kind() {
        return TxKind.GRANT_ISSUED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.digest(shareId).key(patient).digest(scope).u64(expiresAt).key(relay);
    }

    static GrantIssued read(BinaryReader in) throws DecodeException {
        Digest shareId = in.digest("share id");
        Ed25519PublicKey patient = in.key("patient key");
        Digest scope = in.digest("scope digest");
        long expiresAt = in.u64("expiry");
        if (expiresAt == 0) throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE, "expiry must not be zero.");
        return new GrantIssued(shareId, patient, scope, expiresAt, in.key("relay key"));
    }
}
