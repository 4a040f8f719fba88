package org.healthwallet.core.accesslog;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * One access log entry the wallet verified, with the height of the header whose state proof showed
 * the log head it belongs to, and what the ledger proved about the relay that served it.
 *
 * <p>Stored as a vault item. Items of the first format are that height (u64) then the entry's
 * ledger bytes; they still decode, with {@link Relay.NotLookedUp}. The current format starts with
 * {@link #FORMAT_WITH_RELAY}, a byte the first format never starts with (heights are below 2^63,
 * so their top byte is at most 0x7F), then the height, the relay (u8 0 unregistered, 1 registered
 * with u32 length and the relay's ledger record), then the entry's ledger bytes.
 */
public record VerifiedAccess(AccessEntry entry, long provenAtHeight, Relay relay) {
    static final int FORMAT_WITH_RELAY = 0xF1;

    public VerifiedAccess {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(relay, "relay");
        if (relay instanceof Relay.Registered registered && !registered.record().relay().equals(entry.relay())) {
            throw new IllegalArgumentException("the relay record is not that of the relay that served the entry");
        }
    }

    /** What the ledger proved about the relay that served the entry, when the wallet synced it. */
    public sealed interface Relay {
        /** The relay's record on the ledger (its URL and the height it was admitted at), read with a proof. */
        record Registered(RelayRecord record) implements Relay {
            public Registered {
                Objects.requireNonNull(record, "record");
            }
        }

        /** The ledger proved it has no record of this relay (it refuses access records from such relays). */
        record Unregistered() implements Relay {
        }

        /** Kept by an earlier build that did not look relays up: only the relay's key is known. */
        record NotLookedUp() implements Relay {
        }
    }

    byte[] encode() {
        byte[] entryBytes = entry.encode();
        if (relay instanceof Relay.NotLookedUp) {
            // Nothing to add to the first format, so it stays as an earlier build wrote it.
            return ByteBuffer.allocate(8 + entryBytes.length).putLong(provenAtHeight).put(entryBytes).array();
        }
        BinaryWriter out = new BinaryWriter(160 + entryBytes.length).u8(FORMAT_WITH_RELAY).u64(provenAtHeight);
        if (relay instanceof Relay.Registered registered) {
            byte[] record = registered.record().encode();
            out.u8(1).u32(record.length).raw(record);
        } else {
            out.u8(0);
        }
        return out.raw(entryBytes).toByteArray();
    }

    static VerifiedAccess decode(byte[] bytes) throws DecodeException {
        if (bytes.length > 0 && (bytes[0] & 0xFF) == FORMAT_WITH_RELAY) {
            BinaryReader in = new BinaryReader(bytes);
            in.u8("format");
            long height = in.u64("proven at height");
            int state = in.u8("relay state");
            Relay relay;
            if (state == 0) {
                relay = new Relay.Unregistered();
            } else if (state == 1) {
                long length = in.u32("relay record length");
                if (length > in.remaining()) {
                    throw new DecodeException(DecodeException.Reason.TRUNCATED, "A kept access log entry is cut short.");
                }
                relay = new Relay.Registered(RelayRecord.decode(in.raw((int) length, "relay record")));
            } else {
                throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE,
                        "A kept access log entry has an unknown relay state " + state + ".");
            }
            AccessEntry entry = AccessEntry.decode(in.raw(in.remaining(), "entry"));
            if (relay instanceof Relay.Registered r && !r.record().relay().equals(entry.relay())) {
                throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE,
                        "A kept access log entry names a relay record that is not its relay's.");
            }
            return new VerifiedAccess(entry, height, relay);
        }
        if (bytes.length < 8) {
            throw new DecodeException(DecodeException.Reason.TRUNCATED, "A kept access log entry is cut short.");
        }
        long height = ByteBuffer.wrap(bytes, 0, 8).getLong();
        return new VerifiedAccess(AccessEntry.decode(Arrays.copyOfRange(bytes, 8, bytes.length)), height,
                new Relay.NotLookedUp());
    }
}
