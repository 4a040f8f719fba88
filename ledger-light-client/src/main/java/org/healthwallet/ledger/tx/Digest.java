package org.healthwallet.ledger.tx;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte SHA-256 digest (a share id digest, a record hash, a state path, a hash-chain head). */
public record Digest(byte[] bytes) implements Comparable<Digest> {
    public static final int LENGTH = 32;
    /** The all-zero digest: the empty subtree of the state tree and the head of an empty access log. */
    public static final Digest ZERO = new Digest(new byte[LENGTH]);

    public Digest {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a digest is exactly 32 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    // One per thread: getInstance looks up a provider each time, which shows in a block's hashing.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digest::newSha256);

    /** SHA-256 over the concatenation of the parts. */
    public static Digest sha256(byte[]... parts) {
        MessageDigest sha = threadSha256();
        for (byte[] part : parts) sha.update(part);
        return new Digest(sha.digest());
    }

    /** A SHA-256 instance owned by the calling thread, reset; for hashing that must not allocate one each time. */
    public static MessageDigest threadSha256() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    public static Digest fromHex(String hex) {
        return new Digest(HexFormat.of().parseHex(hex));
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Bit {@code index} counted from the most significant bit of byte 0 (the state tree's path order). */
    public int bit(int index) {
        return (bytes[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digest d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Digest other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
