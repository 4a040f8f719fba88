package org.healthwallet.core.accesslog;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.healthwallet.ledger.state.AccessEntry;
import org.healthwallet.ledger.tx.DecodeException;

/**
 * One access log entry the wallet verified, with the height of the header whose state proof showed
 * the log head it belongs to. Stored as a vault item: that height, then the entry's ledger bytes.
 */
public record VerifiedAccess(AccessEntry entry, long provenAtHeight) {
    public VerifiedAccess {
        Objects.requireNonNull(entry, "entry");
    }

    byte[] encode() {
        byte[] entryBytes = entry.encode();
        return ByteBuffer.allocate(8 + entryBytes.length).putLong(provenAtHeight).put(entryBytes).array();
    }

    static VerifiedAccess decode(byte[] bytes) throws DecodeException {
        if (bytes.length < 8) {
            throw new DecodeException(DecodeException.Reason.TRUNCATED, "A kept access log entry is cut short.");
        }
        long height = ByteBuffer.wrap(bytes, 0, 8).getLong();
        return new VerifiedAccess(AccessEntry.decode(Arrays.copyOfRange(bytes, 8, bytes.length)), height);
    }
}
