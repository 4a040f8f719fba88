package org.healthwallet.ledger.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MAC that binds a stored ledger row (a verified header, a sync note, the trust root) to the
 * wallet that wrote it: HMAC-SHA256 under a 32-byte key only the unlocked wallet holds, over the
 * row's kind, its key (a height, a note's name) and its content, each length-prefixed so no two
 * rows give the same input. A row copied under another key, edited, or written by anything without
 * the key does not match: the headers are public, but which of them this wallet trusts is not
 * anybody's to change. Immutable and thread-safe.
 */
public final class RowSeal {
    public static final int KEY_BYTES = 32;
    public static final int BYTES = 32;

    private final byte[] key;

    private RowSeal(byte[] key) {
        this.key = key;
    }

    /** A seal keyed with a copy of {@code key} (32 bytes; the caller still owns and wipes its own). */
    public static RowSeal of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a row seal key has " + KEY_BYTES + " bytes, got " + key.length);
        }
        return new RowSeal(key.clone());
    }

    /** The seal of a row of {@code kind} ("header", "note"…) stored under {@code rowKey}. */
    public byte[] of(String kind, String rowKey, String content) {
        Mac mac = mac();
        for (String part : new String[] {kind, rowKey, content}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            mac.update(bytes);
        }
        return mac.doFinal();
    }

    /** Whether {@code seal} (null when the row has none) is the seal of that row; compared in constant time. */
    public boolean matches(byte[] seal, String kind, String rowKey, String content) {
        return seal != null && MessageDigest.isEqual(seal, of(kind, rowKey, content));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
        }
    }
}
