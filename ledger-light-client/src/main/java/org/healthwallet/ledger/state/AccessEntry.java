package org.healthwallet.ledger.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;
import org.healthwallet.ledger.tx.SealedDetails;

/**
 * One entry of a patient's access log (key {@link StateKey#accessLogEntry}): which share, which
 * relay served it, the details sealed to the patient (who asked, which files), the relay's time,
 * and the block and transaction that recorded it. Its {@link #encode()} bytes, sealed details
 * included, are what the hash chain covers.
 */
public record AccessEntry(long index, Digest shareId, Ed25519PublicKey relay, SealedDetails sealed,
                          long accessedAt, long height, Digest txHash) {
    public AccessEntry {
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(txHash, "txHash");
    }

    public byte[] encode() {
        BinaryWriter out = new BinaryWriter(1 + 8 + 32 + 32 + sealed.size() + 16 + 32)
                .u8(StateKey.ACCESS_LOG_ENTRY).u64(index).digest(shareId).key(relay);
        sealed.writeTo(out);
        return out.u64(accessedAt).u64(height).digest(txHash).toByteArray();
    }

    public static AccessEntry decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.ACCESS_LOG_ENTRY, "access log entry");
        long index = in.u64("index");
        Digest shareId = in.digest("share id");
        Ed25519PublicKey relay = in.key("relay");
        SealedDetails sealed = SealedDetails.read(in);
        AccessEntry entry = new AccessEntry(index, shareId, relay, sealed, in.u64("access time"),
                in.u64("height"), in.digest("transaction hash"));
        in.finish("The access log entry");
        return entry;
    }
}
