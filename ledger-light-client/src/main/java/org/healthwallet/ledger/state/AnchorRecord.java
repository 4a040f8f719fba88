package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/** A provider's anchor of a record hash (key {@link StateKey#anchor}) and when it was written. */
public record AnchorRecord(Ed25519PublicKey provider, Digest recordHash, long height, long time) {
    public byte[] encode() {
        return new BinaryWriter(81).u8(StateKey.ANCHOR).key(provider).digest(recordHash).u64(height).u64(time).toByteArray();
    }

    public static AnchorRecord decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.ANCHOR, "anchor");
        AnchorRecord record = new AnchorRecord(in.key("provider"), in.digest("record hash"), in.u64("height"), in.u64("time"));
        in.finish("The anchor");
        return record;
    }
}
