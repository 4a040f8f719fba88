package org.healthwallet.core.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.healthwallet.core.crypto.AesGcmKey;
import org.healthwallet.core.crypto.Hkdf;

/**
 * The keyed digest of one stored row that {@link RowSummary} adds up: HMAC-SHA256 under a key
 * derived from the vault master key, over the row's table, id, version, and its box's nonce and
 * GCM tag. The tag is GCM's MAC over the ciphertext and associated data, checked whenever the row
 * is opened, so with the nonce it names this one box without hashing the whole ciphertext (unlock
 * stays cheap). Keyed, so nobody without the master key can compute a row's digest, and so
 * nobody can pick, from old copies of the file, another set of rows that adds up to the same sum.
 * Not thread-safe: one owner (the unlocked {@link Vault}).
 */
final class RowDigest implements AutoCloseable {
    static final int BYTES = 32;
    private static final byte[] SALT = ascii("HealthWallet vault row summary v1");
    private static final byte[] INFO = ascii("healthwallet/vault/row-summary-key");
    private static final byte[] RECORD = ascii(RowWriter.RECORD_TABLE);
    private static final byte[] SECRET = ascii(RowWriter.SECRET_TABLE);
    private static final int TAIL = AesGcmKey.NONCE_BYTES + AesGcmKey.TAG_BYTES;

    private final Mac mac;

    private RowDigest(Mac mac) {
        this.mac = mac;
    }

    /** The digest keyed from the master key's bytes (which the caller still owns and wipes). */
    static RowDigest of(byte[] masterKey) {
        byte[] key = Hkdf.sha256(masterKey, SALT, INFO, BYTES);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new RowDigest(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The digest of a row of {@code table} ("record" or "secret") as stored. */
    byte[] of(String table, byte[] id, int version, byte[] sealed) {
        mac.update(table.equals(RowWriter.RECORD_TABLE) ? RECORD : table.equals(RowWriter.SECRET_TABLE) ? SECRET : ascii(table));
        mac.update((byte) 0);
        mac.update(id);
        mac.update((byte) (version >>> 24));
        mac.update((byte) (version >>> 16));
        mac.update((byte) (version >>> 8));
        mac.update((byte) version);
        if (sealed.length >= TAIL) {
            mac.update(sealed, 0, AesGcmKey.NONCE_BYTES);
            mac.update(sealed, sealed.length - AesGcmKey.TAG_BYTES, AesGcmKey.TAG_BYTES);
        } else {
            // A damaged box shorter than nonce and tag: all of it (it never opens anyway).
            mac.update(sealed);
        }
        return mac.doFinal();
    }

    /** Overwrites the HMAC's keyed state with an all-zero key. */
    @Override
    public void close() {
        try {
            mac.init(new SecretKeySpec(new byte[BYTES], "HmacSHA256"));
        } catch (InvalidKeyException ignored) {
            // An all-zero 32-byte HMAC key is always valid.
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
