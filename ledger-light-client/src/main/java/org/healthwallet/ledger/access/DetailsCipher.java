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
 * HKDF-SHA256, AES-256-GCM; entry {@code n}'s key is the context's
 * {@code export(LABEL || u64 n, 32)}, its nonce 4 zero bytes then u64 n, its AAD the binding.
 */
final class DetailsCipher {
    /** The HPKE info, and the start of every export context. */
    static final byte[] INFO = DetailsBinding.LABEL;
    static final int KEY_BYTES = 32;
    static final int TAG_BITS = 128;

    private DetailsCipher() {
    }

    static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** Entry {@code counter}'s key; one key per counter, so each key encrypts one box. */
    static byte[] entryKey(HPKEContext context, long counter) {
        byte[] exportContext = Arrays.copyOf(INFO, INFO.length + 8);
        for (int i = 0; i < 8; i++) exportContext[INFO.length + i] = (byte) (counter >>> (56 - 8 * i));
        return context.export(exportContext, KEY_BYTES);
    }

    static byte[] encrypt(byte[] key, long counter, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, counter);
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The plaintext, or empty when the tag does not check (another key, another binding, altered bytes). */
    static java.util.Optional<byte[]> decrypt(byte[] key, long counter, byte[] aad, byte[] ciphertext) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, counter);
            cipher.updateAAD(aad);
            return java.util.Optional.of(cipher.doFinal(ciphertext));
        } catch (AEADBadTagException e) {
            return java.util.Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, byte[] key, long counter) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
