package org.healthwallet.ledger.tx;

import java.util.Objects;

/** Ends a share before its expiry. Signed by the patient, their successor key, or a delegate allowed to revoke. */
public record GrantRevoked(Digest shareId) implements Payload {
    public GrantRevoked {
        Objects.requireNonNull(shareId, "shareId");
    }

    @Override
    public TxKind kind() {
        return TxKind.GRANT_REVOKED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.digest(shareId);
    }

    static GrantRevoked read(BinaryReader in) throws DecodeException {
        return new GrantRevoked(in.digest("share id"));
    }
}
