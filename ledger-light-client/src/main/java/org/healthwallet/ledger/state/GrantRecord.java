package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/** A grant as the ledger holds it (key {@link StateKey#grant}); {@code issuedBy} is the patient or a delegate. */
public record GrantRecord(Digest shareId, Ed25519PublicKey patient, Digest scope, long expiresAt,
                          Ed25519PublicKey relay, Ed25519PublicKey issuedBy, long height, long time) {

    public boolean expiredAt(long unixSeconds) {
        return unixSeconds >= expiresAt;
    }

    public byte[] encode() {
        return new BinaryWriter(1 + 32 * 5 + 24).u8(StateKey.GRANT).digest(shareId).key(patient).digest(scope)
                .u64(expiresAt).key(relay).key(issuedBy).u64(height).u64(time).toByteArray();
    }

    public static GrantRecord decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.GRANT, "grant");
        GrantRecord grant = new GrantRecord(in.digest("share id"), in.key("patient"), in.digest("scope"),
                in.u64("expiry"), in.key("relay"), in.key("issued by"), in.u64("height"), in.u64("time"));
        in.finish("The grant");
        return grant;
    }
}
