package org.healthwallet.ledger.state;

import java.security.MessageDigest;

import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;
import org.healthwallet.ledger.tx.Digest;

/**
 * The length and hash-chain head of a patient's access log (key {@link StateKey#accessLogHead}).
 * {@code head_0} is all zeros and {@code head_n = SHA-256(head_{n-1} || entry_n.encode())}, so a
 * wallet that holds a verified head can check that the entries it downloaded are all of them, in
 * order, unaltered.
 */
public record AccessLogHead(long length, Digest head) {
    public static final AccessLogHead EMPTY = new AccessLogHead(0, Digest.ZERO);

    /** The head after appending {@code entry} (whose index must be {@link #length()}). */
    public AccessLogHead append(AccessEntry entry) {
        if (entry.index() != length) {
            throw new IllegalArgumentException("entry " + entry.index() + " cannot follow a log of length " + length);
        }
        return new AccessLogHead(length + 1, chain(head, entry.encode()));
    }

    public static Digest chain(Digest previous, byte[] entryBytes) {
        MessageDigest sha = Digest.newSha256();
        sha.update(previous.bytes());
        sha.update(entryBytes);
        return new Digest(sha.digest());
    }

    public byte[] encode() {
        return new BinaryWriter(41).u8(StateKey.ACCESS_LOG_HEAD).u64(length).digest(head).toByteArray();
    }

    public static AccessLogHead decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.ACCESS_LOG_HEAD, "access log head");
        AccessLogHead head = new AccessLogHead(in.u64("length"), in.digest("head"));
        in.finish("The access log head");
        return head;
    }
}
