package org.healthwallet.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JweTest {
    private final SecureRandom random = new SecureRandom();
    private final Jwe jwe = new Jwe(random);

    @Test
    void theSpecificationsExampleDecryptsToTheIpsBundleByteForByte() throws Exception {
        ShareLink link = ShareLink.parse(ShareTestData.exampleLink());

        Jwe.Decrypted opened = Jwe.decrypt(ShareTestData.exampleJwe(), link.key());

        assertThat(opened.plaintext()).isEqualTo(ShareTestData.exampleBundle());
        assertThat(opened.contentType()).isEmpty();
    }

    @Test
    void ourJweRoundTripsWithAndWithoutCompression() throws Exception {
        ShareKey key = ShareKey.generate(random);
        byte[] bundle = ShareTestData.exampleBundle();

        String plain = jwe.encrypt(bundle, key, Jwe.Options.of("application/fhir+json", false));
        String zipped = jwe.encrypt(bundle, key, Jwe.Options.of("application/fhir+json", true));

        assertThat(header(plain)).isEqualTo("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"application/fhir+json\"}");
        assertThat(header(zipped)).isEqualTo("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"cty\":\"application/fhir+json\",\"zip\":\"DEF\"}");
        assertThat(zipped.length()).isLessThan(plain.length() / 3);
        for (String compact : new String[] {plain, zipped}) {
            Jwe.Decrypted opened = Jwe.decrypt(compact, key);
            assertThat(opened.plaintext()).isEqualTo(bundle);
            assertThat(opened.contentType()).contains("application/fhir+json");
            assertThat(compact.split("\\.", -1)[1]).isEmpty();
        }
    }

    /** Fuzzing finding (JweFuzzTest): a compressed empty file was refused as "cut short or damaged". */
    @Test
    void aCompressedEmptyFileOpensToNothing() throws Exception {
        ShareKey key = ShareKey.of(new byte[ShareKey.BYTES]);
        // Raw DEFLATE of zero bytes, as Jwe.deflate (and any zlib) writes it.
        assertThat(Jwe.deflate(new byte[0])).isEqualTo(new byte[] {0x03, 0x00});

        String zipped = jwe.encrypt(new byte[0], key, Jwe.Options.of("application/fhir+json", true));

        assertThat(Jwe.decrypt(zipped, key).plaintext()).isEmpty();
    }

    /** The same number in a JWE header: a clear JweException, not a NumberFormatException. */
    @Test
    void aHeaderNumberBeyondAnyDecimalIsRefused() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"n\":1e99999999225600}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Jwe.decrypt(header + "..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA",
                ShareKey.of(new byte[ShareKey.BYTES]))).isInstanceOf(JweException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void theCompressionIsRawDeflateAsTheSpecificationRequires() throws Exception {
        byte[] text = "{\"resourceType\":\"Bundle\"}".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Jwe.deflate(text);
        // A zlib stream starts with 0x78; raw DEFLATE has no header.
        assertThat(compressed[0]).isNotEqualTo((byte) 0x78);
        java.util.zip.Inflater raw = new java.util.zip.Inflater(true);
        raw.setInput(compressed);
        byte[] out = new byte[text.length];
        assertThat(raw.inflate(out)).isEqualTo(text.length);
        assertThat(out).isEqualTo(text);
    }

    @Test
    void everyEncryptionHasItsOwnIv() {
        ShareKey key = ShareKey.generate(random);
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            ivs.add(jwe.encrypt(new byte[] {1}, key, Jwe.Options.of(null, false)).split("\\.")[2]);
        }
        assertThat(ivs).hasSize(2000);
        assertThat(Base64.getUrlDecoder().decode(ivs.iterator().next())).hasSize(12);
    }

    @ParameterizedTest(name = "a flipped bit in part {0}")
    @ValueSource(ints = {0, 2, 3, 4})
    void aFlippedBitAnywhereGivesAnErrorAndNoPlaintext(int part) {
        ShareKey key = ShareKey.generate(random);
        String compact = jwe.encrypt("{\"secret\":\"HIV positive\"}".getBytes(StandardCharsets.UTF_8), key,
                Jwe.Options.of("application/fhir+json", part == 4));
        String[] parts = compact.split("\\.", -1);
        byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
        bytes[bytes.length / 2] ^= 0x01;
        parts[part] = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThatThrownBy(() -> Jwe.decrypt(String.join(".", parts), key))
                .isInstanceOf(JweException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("HIV"));
    }

    @Test
    void aChangedCharacterInTheSpecificationsVectorIsRefused() throws Exception {
        ShareKey key = ShareLink.parse(ShareTestData.exampleLink()).key();
        String compact = ShareTestData.exampleJwe().strip();
        int at = compact.length() - 100;
        char flipped = compact.charAt(at) == 'A' ? 'B' : 'A';
        String altered = compact.substring(0, at) + flipped + compact.substring(at + 1);

        assertThatThrownBy(() -> Jwe.decrypt(altered, key)).isInstanceOf(JweException.class)
                .hasMessageContaining("does not open with this link's key");
    }

    @Test
    void theWrongKeyIsRefused() {
        String compact = jwe.encrypt(new byte[] {1, 2, 3}, ShareKey.generate(random), Jwe.Options.of(null, false));
        assertThatThrownBy(() -> Jwe.decrypt(compact, ShareKey.generate(random)))
                .isInstanceOf(JweException.class).hasMessageContaining("does not open with this link's key");
    }

    @Test
    void malformedJwesGetClearMessages() {
        ShareKey key = ShareKey.generate(random);
        String good = jwe.encrypt(new byte[] {1, 2, 3}, key, Jwe.Options.of(null, false));
        String[] p = good.split("\\.", -1);
        String iv = p[2];
        String rest = "." + p[3] + "." + p[4];

        assertThatThrownBy(() -> Jwe.decrypt("", key)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Jwe.decrypt(p[0] + "." + p[2] + rest, key)).hasMessageContaining("has 4 parts");
        assertThatThrownBy(() -> Jwe.decrypt("a.b.c.d.e.f", key)).hasMessageContaining("has 6 parts");
        assertThatThrownBy(() -> Jwe.decrypt("%%%.." + iv + rest, key)).hasMessageContaining("header is not base64url");
        assertThatThrownBy(() -> Jwe.decrypt(b64("not json") + ".." + iv + rest, key)).hasMessageContaining("header is not valid JSON");
        assertThatThrownBy(() -> Jwe.decrypt(b64("[1]") + ".." + iv + rest, key)).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Jwe.decrypt(b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".." + iv + rest, key))
                .hasMessageContaining("\"RSA-OAEP\"");
        assertThatThrownBy(() -> Jwe.decrypt(b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + iv + rest, key))
                .hasMessageContaining("\"A128GCM\"");
        assertThatThrownBy(() -> Jwe.decrypt(b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"zip\":\"GZIP\"}") + ".." + iv + rest, key))
                .hasMessageContaining("only \"DEF\"");
        assertThatThrownBy(() -> Jwe.decrypt(b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"crit\":[\"x\"]}") + ".." + iv + rest, key))
                .hasMessageContaining("critical");
        assertThatThrownBy(() -> Jwe.decrypt(p[0] + ".AAAA." + iv + rest, key)).hasMessageContaining("encrypted key");
        assertThatThrownBy(() -> Jwe.decrypt(p[0] + "..AAAA" + rest, key)).hasMessageContaining("IV is 3 bytes");
        assertThatThrownBy(() -> Jwe.decrypt(p[0] + ".." + iv + "." + p[3] + ".AAAA", key)).hasMessageContaining("tag is 3 bytes");
        assertThatThrownBy(() -> Jwe.decrypt(p[0] + ".." + iv + ".a+b." + p[4], key)).hasMessageContaining("ciphertext is not base64url");
    }

    @Test
    void aZipBombIsStoppedAtTheLimit() {
        ShareKey key = ShareKey.generate(random);
        byte[] zeros = new byte[3 * 1024 * 1024];
        String compact = jwe.encrypt(zeros, key, Jwe.Options.of(null, true));
        assertThat(compact.length()).isLessThan(20_000);

        assertThatThrownBy(() -> Jwe.decrypt(compact, key, 1024 * 1024))
                .isInstanceOf(JweException.class).hasMessageContaining("more than 1 MB");
    }

    @Test
    void damagedCompressedContentIsRefused() {
        ShareKey key = ShareKey.generate(random);
        // A valid JWE whose plaintext claims zip but is not DEFLATE at all.
        String header = b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"zip\":\"DEF\"}");
        byte[] iv = new byte[12];
        String compact = sealWithHeader(header, iv, key, new byte[] {(byte) 0xff, (byte) 0xff, 0, 1});
        assertThatThrownBy(() -> Jwe.decrypt(compact, key)).isInstanceOf(JweException.class)
                .hasMessageContaining("compressed content");
    }

    private static String sealWithHeader(String header, byte[] iv, ShareKey key, byte[] content) {
        try {
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key.bytes(), "AES"),
                    new javax.crypto.spec.GCMParameterSpec(128, iv));
            c.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(content);
            Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
            return header + ".." + e.encodeToString(iv) + "." + e.encodeToString(java.util.Arrays.copyOf(sealed, sealed.length - 16))
                    + "." + e.encodeToString(java.util.Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length));
        } catch (java.security.GeneralSecurityException ex) {
            throw new AssertionError(ex);
        }
    }

    private static String header(String compact) {
        return new String(Base64.getUrlDecoder().decode(compact.substring(0, compact.indexOf('.'))), StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
