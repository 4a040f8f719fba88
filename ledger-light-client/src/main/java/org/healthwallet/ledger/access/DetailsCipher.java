package org.healthwallet.ledger.access;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;

/**
 * The cipher suite and per-entry step shared by {@link AccessSealer} and {@link AccessOpener}
 * (docs/transactions.md "Sealed access details"): HPKE base mode, DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM; a context's AES key is its {@code export(LABEL || " key", 32)}, entry
 * {@code n}'s nonce 4 zero bytes then u64 n, its AAD the binding. One key per context and a nonce
 * per entry is how HPKE's own Seal uses a context (RFC 9180 §5.2); a key per entry cost an export
 * and an AES key schedule per entry, most of a 10,000-entry sync.
 * An instance keeps one JCA cipher (looking one up costs more than sealing a box): one per thread.
 */
final class DetailsCipher {
    /** The HPKE info, and the start of every export context. */
    static final byte[] INFO = DetailsBinding.LABEL;
    static final int KEY_BYTES = 32;
    static final int TAG_BITS = 128;
    private static final byte[] KEY_LABEL = " key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Cipher cipher;

    DetailsCipher() {
        try {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** The context's AES-256-GCM key, exported once per context. */
    static SecretKeySpec contextKey(HPKEContext context) {
        byte[] exportContext = Arrays.copyOf(INFO, INFO.length + KEY_LABEL.length);
        System.arraycopy(KEY_LABEL, 0, exportContext, INFO.length, KEY_LABEL.length);
        byte[] key = context.export(exportContext, KEY_BYTES);
        try {
            return new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    byte[] encrypt(SecretKeySpec key, long counter, byte[] aad, byte[] plaintext) {
        try {
            init(Cipher.ENCRYPT_MODE, key, counter);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The plaintext, or empty when the tag does not check (another key, another binding, altered bytes). */
    java.util.Optional<byte[]> decrypt(SecretKeySpec key, long counter, byte[] aad, byte[] ciphertext) {
        try {
            init(Cipher.DECRYPT_MODE, key, counter);
            cipher.updateAAD(aad);
            return java.util.Optional.of(cipher.doFinal(ciphertext));
        } catch (AEADBadTagException e) {
            return java.util.Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        }
    }

    private void init(int mode, SecretKeySpec key, long counter) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    }
}
