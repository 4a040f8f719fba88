package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;

/** That a grant was revoked, by whom and when (key {@link StateKey#revocation}); absent while it stands. */
public record Revocation(Ed25519PublicKey revokedBy, long height, long time) {
    public byte[] encode() {
        return new BinaryWriter(49).u8(StateKey.REVOCATION).key(revokedBy).u64(height).u64(time).toByteArray();
    }

    public static Revocation decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.REVOCATION, "revocation");
        Revocation revocation = new Revocation(in.key("revoked by"), in.u64("height"), in.u64("time"));
        in.finish("The revocation");
        return revocation;
    }
}
