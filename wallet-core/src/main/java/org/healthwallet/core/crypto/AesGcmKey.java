package org.healthwallet.core.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A 256-bit key that seals with AES-256-GCM (the JDK's {@code AES/GCM/NoPadding}, which runs at
 * GB/s where BouncyCastle's pure-Java GCM does not). A sealed box is nonce (12 random bytes) ||
 * ciphertext || tag (16 bytes); the associated data is authenticated but not stored, so the
 * caller binds a box to where it lives (table, row id, version) by passing the same bytes to
 * {@link #open}. Not thread-safe: one owner at a time (it reuses one Cipher).
 */
public final class AesGcmKey implements AutoCloseable {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final int TAG_BITS = TAG_BYTES * 8;

    private final byte[] key;
    private final RawAesKey spec;
    private final SecureRandom random;
    private final Cipher cipher;
    private boolean closed;

    /** Copies the key; the caller may wipe its array afterwards. */
    public AesGcmKey(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = key.clone();
        this.spec = new RawAesKey(this.key);
        this.random = random;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this Java runtime", e);
        }
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        checkOpen();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] box = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, box, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, box, NONCE_BYTES);
            return box;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * Opens a box sealed under this key with the same associated data.
     *
     * @throws AEADBadTagException when the box was altered, belongs elsewhere, or another key sealed it
     */
    public byte[] open(byte[] box, byte[] associatedData) throws AEADBadTagException {
        checkOpen();
        if (box.length < NONCE_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("sealed box too short");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    /**
     * Wipes the key bytes this object holds, and re-initialises the cipher with an all-zero key so
     * the expanded key schedule inside it is overwritten too.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(key, (byte) 0);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(TAG_BITS, nonce));
        } catch (GeneralSecurityException e) {
            // The bytes we own are wiped; the cipher's copy goes with the garbage collector.
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("key was wiped");
        }
    }

    /**
     * A SecretKey over our own array, unlike SecretKeySpec which keeps a private copy that cannot
     * be wiped on JDK 17. The provider copies the bytes it needs at each init.
     */
    private static final class RawAesKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;

        RawAesKey(byte[] bytes) { this.bytes = bytes; }

        @Override public String getAlgorithm() { return "AES"; }
        @Override public String getFormat() { return "RAW"; }
        @Override public byte[] getEncoded() { return bytes.clone(); }
    }
}
