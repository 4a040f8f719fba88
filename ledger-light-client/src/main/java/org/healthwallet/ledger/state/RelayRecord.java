package org.healthwallet.ledger.state;

import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.RelayRegistered;

/** A registered relay (key {@link StateKey#relay}): its URL and the height it was admitted at (0 = genesis). */
public record RelayRecord(Ed25519PublicKey relay, String url, long admittedHeight) {
    public byte[] encode() {
        return new BinaryWriter(64 + url.length()).u8(StateKey.RELAY).key(relay).text(url).u64(admittedHeight).toByteArray();
    }

    public static RelayRecord decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.RELAY, "relay");
        RelayRecord record = new RelayRecord(in.key("relay"), in.text("url", 1, RelayRegistered.MAX_URL_BYTES),
                in.u64("admitted height"));
        in.finish("The relay");
        return record;
    }
}
