package org.healthwallet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyHierarchyTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] okm = Hkdf.sha256(ikm, HEX.parseHex("000102030405060708090a0b0c"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void eachLabelGivesItsOwnKeyAndTheSameRootGivesTheSameKeys() {
        byte[] root = new byte[32];
        Arrays.fill(root, (byte) 7);
        try (KeyHierarchy a = KeyHierarchy.fromRootSecret(root); KeyHierarchy b = KeyHierarchy.fromRootSecret(root.clone())) {
            assertThat(a.identitySeed()).isNotEqualTo(a.masterKey()).isNotEqualTo(a.backupKey());
            assertThat(a.masterKey()).isNotEqualTo(a.backupKey());
            assertThat(a.masterKey()).isEqualTo(b.masterKey());
            assertThat(a.identitySeed()).isEqualTo(b.identitySeed());
            assertThat(a.backupKey()).isEqualTo(b.backupKey());
        }
        byte[] other = root.clone();
        other[31] ^= 1;
        try (KeyHierarchy a = KeyHierarchy.fromRootSecret(root); KeyHierarchy c = KeyHierarchy.fromRootSecret(other)) {
            assertThat(c.masterKey()).isNotEqualTo(a.masterKey());
        }
    }

    @Test
    void closeWipesTheKeys() {
        KeyHierarchy keys = KeyHierarchy.fromRootSecret(new byte[32]);
        keys.close();

        assertThat(keys.masterKey()).containsOnly(0);
        assertThat(keys.identitySeed()).containsOnly(0);
        assertThat(keys.backupKey()).containsOnly(0);
    }
}
