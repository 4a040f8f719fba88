package org.healthwallet.core.share;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The 256-bit key that encrypts a share's files. It exists only in the link (and, encrypted, in the
 * patient's vault): never sent to the relay, never logged. {@link #toString()} says nothing about it.
 */
public final class ShareKey {
    public static final int BYTES = 32;
    /** 32 bytes in base64url without padding. */
    public static final int BASE64URL_LENGTH = 43;

    private final byte[] bytes;

    private ShareKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh random key. */
    public static ShareKey generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ShareKey(bytes);
    }

    public static ShareKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a share key is " + BYTES + " bytes, not " + bytes.length);
        }
        return new ShareKey(bytes.clone());
    }

    /** The key as a link writes it: 43 base64url characters. */
    public static ShareKey fromBase64Url(String text) {
        if (text.length() != BASE64URL_LENGTH) {
            throw new IllegalArgumentException("a share key is " + BASE64URL_LENGTH + " base64url characters (32 bytes), not "
                    + text.length());
        }
        byte[] decoded = Base64Url.decode(text);
        // 43 characters carry 258 bits; the last 2 must be zero or the text is not the canonical form.
        if (!Base64Url.encode(decoded).equals(text)) {
            throw new IllegalArgumentException("a share key's last character is not one an encoder writes");
        }
        return new ShareKey(decoded);
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64Url() {
        return Base64Url.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShareKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        // From a digest, so a hash code printed somewhere gives away nothing of the key itself.
        byte[] digest = ShareJson.sha256(bytes);
        return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    }

    @Override
    public String toString() {
        return "ShareKey[hidden]";
    }
}
