package org.healthwallet.ledger.tx;

import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/** Ends a delegation early. Signed by the dependent (or its successor) or by the caregiver stepping down. */
public record DelegationRevoked(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) implements Payload {
    public DelegationRevoked {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(caregiver, "caregiver");
    }

    @Override
    public TxKind kind() {
        return TxKind.DELEGATION_REVOKED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.key(dependent).key(caregiver);
    }

    static DelegationRevoked read(BinaryReader in) throws DecodeException {
        return new DelegationRevoked(in.key("dependent key"), in.key("caregiver key"));
    }
}
