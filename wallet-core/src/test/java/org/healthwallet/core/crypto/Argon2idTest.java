package org.healthwallet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Known answers computed with the Argon2 reference implementation's command line
     * ({@code echo -n PASSWORD | argon2 SALT -id -t T -k KIB -p P -l 32 -r}, Debian's argon2 package).
     */
    @Test
    void matchesTheReferenceImplementation() {
        byte[] key = Argon2id.derive("correct horse battery staple".toCharArray(),
                "HealthWalletSalt".getBytes(StandardCharsets.US_ASCII), 64, 2, 1, null);

        assertThat(HEX.formatHex(key)).isEqualTo("5d141969751c0b52489b88dd6df9d934cd2e8373ee95676f8d86d40e33528935");
    }

    @Test
    void normalisesThePassphraseSoBothSpellingsOfAnAccentUnlock() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String expected = "ca0a56dbc4bda6f9eab045835358e264feab7b24467dd8e14db36340f2e4197d";

        assertThat(HEX.formatHex(Argon2id.derive("p\u00e9che".toCharArray(), salt, 32, 1, 2, null))).isEqualTo(expected);
        assertThat(HEX.formatHex(Argon2id.derive("pe\u0301che".toCharArray(), salt, 32, 1, 2, null))).isEqualTo(expected);
    }

    @Test
    void aBlockPoolGivesTheSameKey() {
        byte[] salt = new byte[16];
        var pool = Argon2id.poolFor(256, 1);
        byte[] first = Argon2id.derive("a".toCharArray(), salt, 256, 1, 1, pool);
        byte[] second = Argon2id.derive("a".toCharArray(), salt, 256, 1, 1, pool);

        assertThat(second).isEqualTo(first).isEqualTo(Argon2id.derive("a".toCharArray(), salt, 256, 1, 1, null));
        assertThat(Argon2id.derive("b".toCharArray(), salt, 256, 1, 1, pool)).isNotEqualTo(first);
    }
}
