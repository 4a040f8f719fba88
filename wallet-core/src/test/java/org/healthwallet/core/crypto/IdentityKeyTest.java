package org.healthwallet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentityKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72). */
    @Test
    void signsLikeRfc8032() {
        try (IdentityKey key = new IdentityKey(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))) {
            assertThat(HEX.formatHex(key.publicKey())).isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
            assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(
                    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        }
        try (IdentityKey key = new IdentityKey(HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))) {
            assertThat(HEX.formatHex(key.publicKey())).isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
            assertThat(HEX.formatHex(key.sign(new byte[] {0x72}))).isEqualTo(
                    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        }
    }

    @Test
    void verifyAcceptsTheSignatureAndRejectsAnAlteredMessage() {
        byte[] message = "grant 42".getBytes(StandardCharsets.UTF_8);
        try (IdentityKey key = new IdentityKey(new byte[32])) {
            byte[] sig = key.sign(message);
            assertThat(IdentityKey.verify(key.publicKey(), message, sig)).isTrue();
            assertThat(IdentityKey.verify(key.publicKey(), "grant 43".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
            assertThat(IdentityKey.verify(key.publicKey(), message, new byte[3])).isFalse();
        }
    }

    @Test
    void aClosedKeyNoLongerSigns() {
        IdentityKey key = new IdentityKey(new byte[32]);
        key.close();

        assertThatThrownBy(() -> key.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
    }
}
