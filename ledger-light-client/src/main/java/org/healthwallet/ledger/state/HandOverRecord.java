package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * A retired key and its successor (key {@link StateKey#handOver} of the retired key). The ledger
 * refuses transactions signed by a retired key; the successor may revoke the old key's grants.
 */
public record HandOverRecord(Ed25519PublicKey successor, Ed25519PublicKey caregiver, long height) {
    public byte[] encode() {
        return new BinaryWriter(73).u8(StateKey.HAND_OVER).key(successor).key(caregiver).u64(height).toByteArray();
    }

    public static HandOverRecord decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.HAND_OVER, "hand-over");
        HandOverRecord record = new HandOverRecord(in.key("successor"), in.key("caregiver"), in.u64("height"));
        in.finish("The hand-over");
        return record;
    }
}
