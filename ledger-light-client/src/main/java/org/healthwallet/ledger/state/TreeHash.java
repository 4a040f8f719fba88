package org.healthwallet.ledger.state;

import java.security.MessageDigest;

import org.healthwallet.ledger.tx.Digest;

/**
 * The state tree's two hash rules. Leaf and branch hashes start with different bytes so one can
 * never pass for the other; an empty subtree is all zeros.
 * <pre>
 *   leaf   = SHA-256(0x00 || path || SHA-256(value))
 *   branch = SHA-256(0x01 || left || right)
 * </pre>
 */
public final class TreeHash {
    private static final byte LEAF = 0x00;
    private static final byte BRANCH = 0x01;

    private TreeHash() {
    }

    public static byte[] valueHash(byte[] value) {
        return Digest.threadSha256().digest(value);
    }

    public static byte[] leaf(byte[] path, byte[] valueHash) {
        MessageDigest sha = Digest.threadSha256();
        sha.update(LEAF);
        sha.update(path);
        sha.update(valueHash);
        return sha.digest();
    }

    public static byte[] branch(byte[] left, byte[] right) {
        MessageDigest sha = Digest.threadSha256();
        sha.update(BRANCH);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }
}
