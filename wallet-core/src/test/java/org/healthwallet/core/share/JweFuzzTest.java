package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any encrypted file a relay or a link hands the doctor's side: {@link Jwe#decrypt} returns the
 * plaintext or throws {@link JweException} with a message, nothing else, and never inflates past
 * its limit. A fuzzer cannot forge the GCM tag, so besides raw text the test also seals fuzzed
 * content under a fuzzed header with the right key, which reaches the header checks after
 * decryption and the inflater. And {@code decrypt(encrypt(x)) == x}, compressed or not.
 * Input: byte 0 chooses raw text (even) or sealed (odd); then header bytes up to the first 0x00;
 * then the content.
 */
class JweFuzzTest {
    private static final ShareKey KEY = ShareKey.of(new byte[ShareKey.BYTES]);
    private static final long LIMIT = 64 * 1024;
    private final Jwe jwe = new Jwe(new SecureRandom());

    @FuzzTest(maxDuration = "5s")
    void decrypt(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        int split = 1;
        while (split < input.length && input[split] != 0) {
            split++;
        }
        byte[] header = Arrays.copyOfRange(input, 1, split);
        byte[] content = Arrays.copyOfRange(input, Math.min(split + 1, input.length), input.length);
        String compact = (input[0] & 1) == 0 ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8)
                : sealed(header, content);
        try {
            Jwe.Decrypted opened = Jwe.decrypt(compact, KEY, LIMIT);
            assertThat(opened.plaintext().length).isLessThanOrEqualTo((int) LIMIT);
        } catch (JweException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        boolean compress = (input[0] & 2) != 0;
        String again = jwe.encrypt(content, KEY, Jwe.Options.of("application/fhir+json", compress));
        assertThat(Jwe.decrypt(again, KEY, LIMIT).plaintext()).isEqualTo(content);
    }

    /** A compact JWE of {@code content} as is (not compressed by us) under the given protected header. */
    private static String sealed(byte[] header, byte[] content) throws GeneralSecurityException {
        String protectedHeader = Base64Url.encode(header);
        byte[] iv = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.bytes(), "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(protectedHeader.getBytes(StandardCharsets.US_ASCII));
        byte[] out = cipher.doFinal(content);
        return protectedHeader + ".." + Base64Url.encode(iv) + "." + Base64Url.encode(Arrays.copyOf(out, out.length - 16))
                + "." + Base64Url.encode(Arrays.copyOfRange(out, out.length - 16, out.length));
    }
}
