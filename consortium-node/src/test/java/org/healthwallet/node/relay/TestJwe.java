package org.healthwallet.node.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWEs as a wallet makes them for SMART Health Links (alg dir, enc A256GCM), with the JDK's
 * AES-GCM: the relay's tests cannot use wallet-core's Jwe (consortium-node never imports it).
 */
final class TestJwe {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    private TestJwe() {
    }

    static byte[] key(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    static String encrypt(byte[] key, String plaintext, SecureRandom random) {
        String header = B64.encodeToString("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"application/fhir+json\"}"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = Arrays.copyOfRange(sealed, 0, sealed.length - 16);
            byte[] tag = Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
            return header + ".." + B64.encodeToString(iv) + "." + B64.encodeToString(ciphertext) + "." + B64.encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String decrypt(byte[] key, String jwe) throws GeneralSecurityException {
        String[] parts = jwe.split("\\.", -1);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, D64.decode(parts[2])));
        cipher.updateAAD(parts[0].getBytes(StandardCharsets.US_ASCII));
        byte[] ciphertext = D64.decode(parts[3]);
        byte[] tag = D64.decode(parts[4]);
        byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
    }
}
