package org.healthwallet.ledger.state;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.AccessRecorded;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.DecodeException.Reason;
import org.healthwallet.ledger.tx.Digest;

/**
 * One entry of a patient's access log (key {@link StateKey#accessLogEntry}): which share, which
 * relay served it, to whom, which files, the relay's time, and the block and transaction that
 * recorded it. Its {@link #encode()} bytes are what the hash chain covers.
 */
public record AccessEntry(long index, Digest shareId, Ed25519PublicKey relay, String recipient, List<Digest> files,
                          long accessedAt, long height, Digest txHash) {
    public AccessEntry {
        files = List.copyOf(files);
    }

    public byte[] encode() {
        BinaryWriter out = new BinaryWriter(160 + recipient.length() + 32 * files.size())
                .u8(StateKey.ACCESS_LOG_ENTRY).u64(index).digest(shareId).key(relay).text(recipient).u16(files.size());
        files.forEach(out::digest);
        return out.u64(accessedAt).u64(height).digest(txHash).toByteArray();
    }

    public static AccessEntry decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.ACCESS_LOG_ENTRY, "access log entry");
        long index = in.u64("index");
        Digest shareId = in.digest("share id");
        Ed25519PublicKey relay = in.key("relay");
        String recipient = in.text("recipient", 1, AccessRecorded.MAX_RECIPIENT_BYTES);
        int count = in.u16("file count");
        if (count > AccessRecorded.MAX_FILES) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "The entry lists " + count + " files; at most " + AccessRecorded.MAX_FILES + ".");
        }
        List<Digest> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) files.add(in.digest("file " + i));
        AccessEntry entry = new AccessEntry(index, shareId, relay, recipient, files, in.u64("access time"),
                in.u64("height"), in.digest("transaction hash"));
        in.finish("The access log entry");
        return entry;
    }
}
