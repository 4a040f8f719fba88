package org.healthwallet.ledger.cometbft;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * CometBFT's simple Merkle tree (crypto/merkle, RFC-6962 style): a leaf is SHA-256(0x00 || item),
 * an inner node SHA-256(0x01 || left || right), the left subtree holds the largest power of two
 * strictly below the item count, and the empty tree is SHA-256 of nothing.
 */
public final class Merkle {
    private static final byte[] LEAF_PREFIX = {0};
    private static final byte[] INNER_PREFIX = {1};

    private Merkle() {
    }

    public static Bytes root(List<byte[]> items) {
        return Bytes.wrap(rootOf(items));
    }

    static byte[] rootOf(List<byte[]> items) {
        MessageDigest sha = sha256();
        if (items.isEmpty()) {
            return sha.digest();
        }
        return subtree(sha, items, 0, items.size());
    }

    private static byte[] subtree(MessageDigest sha, List<byte[]> items, int from, int to) {
        int n = to - from;
        if (n == 1) {
            sha.update(LEAF_PREFIX);
            sha.update(items.get(from));
            return sha.digest();
        }
        int k = splitPoint(n);
        byte[] left = subtree(sha, items, from, from + k);
        byte[] right = subtree(sha, items, from + k, to);
        sha.update(INNER_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The largest power of two strictly less than n (n >= 2). */
    static int splitPoint(int n) {
        int k = Integer.highestOneBit(n);
        return k == n ? k >>> 1 : k;
    }

    /** SHA-256 of the concatenated parts (CometBFT's tmhash). */
    public static Bytes sha256(byte[]... parts) {
        MessageDigest sha = sha256();
        for (byte[] part : parts) {
            sha.update(part);
        }
        return Bytes.wrap(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
