package org.healthwallet.core.accesslog;

import java.util.Objects;
import org.healthwallet.ledger.access.AccessDetails;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.state.RelayRecord;
import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * One access log entry the wallet verified, with the height of the header whose state proof showed
 * the log head it belongs to, what the ledger proved about the relay that served it, and its
 * details as the wallet opened them once at sync (who asked, which files), or why they do not open.
 *
 * <p>Stored as a vault item (encrypted like every item): {@link #FORMAT} (a byte no height starts
 * with: heights are below 2^63), the height, the relay (u8 0 unregistered, 1 registered with u32
 * length and the relay's ledger record), the details (u8 1 with u32 length and the opened
 * {@link AccessDetails}, or u8 0 and the reason as text), then the entry's ledger bytes. Items an
 * earlier build wrote (entries with the recipient in clear) do not decode; the next sync fetches
 * those entries again.
 */
public record VerifiedAccess(AccessEntry entry, long provenAtHeight, Relay relay, Details details) {
    static final int FORMAT = 0xF2;

    public VerifiedAccess {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(details, "details");
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

        /** Only the relay's key is known (its record was not looked up). */
        record NotLookedUp() implements Relay {
        }
    }

    /** The entry's sealed details as the patient's seal key opened them at sync. */
    public sealed interface Details {
        /** Who asked, which files, and the request as the relay saw it. */
        record Opened(AccessDetails details) implements Details {
            public Opened {
                Objects.requireNonNull(details, "details");
            }
        }

        /** The box did not open (sealed to another key, moved, damaged); the entry stays in the verified log. */
        record Unopenable(String reason) implements Details {
            public static final int MAX_REASON_BYTES = 400;

            public Unopenable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    byte[] encode() {
        byte[] entryBytes = entry.encode();
        BinaryWriter out = new BinaryWriter(300 + entryBytes.length).u8(FORMAT).u64(provenAtHeight);
        if (relay instanceof Relay.Registered registered) {
            byte[] record = registered.record().encode();
            out.u8(1).u32(record.length).raw(record);
        } else {
            out.u8(0);
        }
        if (details instanceof Details.Opened opened) {
            byte[] bytes = opened.details().encodeUnpadded();
            out.u8(1).u32(bytes.length).raw(bytes);
        } else {
            out.u8(0).text(cut(((Details.Unopenable) details).reason()));
        }
        return out.raw(entryBytes).toByteArray();
    }

    static VerifiedAccess decode(byte[] bytes) throws DecodeException {
        BinaryReader in = new BinaryReader(bytes);
        int format = in.u8("format");
        if (format != FORMAT) {
            throw new DecodeException(DecodeException.Reason.UNSUPPORTED_VERSION,
                    "A kept access log entry was written by an earlier build.");
        }
        long height = in.u64("proven at height");
        int state = in.u8("relay state");
        Relay relay;
        if (state == 0) {
            relay = new Relay.Unregistered();
        } else if (state == 1) {
            relay = new Relay.Registered(RelayRecord.decode(in.raw(length(in, "relay record"), "relay record")));
        } else {
            throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE,
                    "A kept access log entry has an unknown relay state " + state + ".");
        }
        int opened = in.u8("details state");
        Details details;
        if (opened == 1) {
            details = new Details.Opened(AccessDetails.decode(in.raw(length(in, "details"), "details")));
        } else if (opened == 0) {
            details = new Details.Unopenable(in.text("reason", 0, Details.Unopenable.MAX_REASON_BYTES));
        } else {
            throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE,
                    "A kept access log entry has an unknown details state " + opened + ".");
        }
        AccessEntry entry = AccessEntry.decode(in.raw(in.remaining(), "entry"));
        if (relay instanceof Relay.Registered r && !r.record().relay().equals(entry.relay())) {
            throw new DecodeException(DecodeException.Reason.OUT_OF_RANGE,
                    "A kept access log entry names a relay record that is not its relay's.");
        }
        return new VerifiedAccess(entry, height, relay, details);
    }

    private static int length(BinaryReader in, String field) throws DecodeException {
        long length = in.u32(field + " length");
        if (length > in.remaining()) {
            throw new DecodeException(DecodeException.Reason.TRUNCATED, "A kept access log entry is cut short.");
        }
        return (int) length;
    }

    /** The reason as the vault keeps it: bounded, without control characters. */
    private static String cut(String reason) {
        String clean = reason.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        while (clean.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Details.Unopenable.MAX_REASON_BYTES) {
            clean = clean.substring(0, clean.length() - 1);
        }
        return clean;
    }
}
