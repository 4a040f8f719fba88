package org.healthwallet.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class AesGcmKeyTest {
    private final SecureRandom random = new SecureRandom();
    private final byte[] plain = "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8);
    private final byte[] aad = "record/row-1/v1".getBytes(StandardCharsets.US_ASCII);

    @Test
    void opensWhatItSealedWithTheSameAssociatedData() throws Exception {
        try (AesGcmKey key = new AesGcmKey(new byte[32], random)) {
            byte[] box = key.seal(plain, aad);

            assertThat(box).hasSize(AesGcmKey.NONCE_BYTES + plain.length + AesGcmKey.TAG_BYTES);
            assertThat(key.open(box, aad)).isEqualTo(plain);
            assertThat(key.seal(plain, aad)).as("a fresh nonce each time").isNotEqualTo(box);
        }
    }

    @Test
    void refusesABoxMovedToAnotherRowOrAltered() {
        try (AesGcmKey key = new AesGcmKey(new byte[32], random)) {
            byte[] box = key.seal(plain, aad);
            assertThatThrownBy(() -> key.open(box, "record/row-2/v1".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(AEADBadTagException.class);
            byte[] altered = box.clone();
            altered[AesGcmKey.NONCE_BYTES + 3] ^= 1;
            assertThatThrownBy(() -> key.open(altered, aad)).isInstanceOf(AEADBadTagException.class);
            assertThatThrownBy(() -> key.open(new byte[5], aad)).isInstanceOf(AEADBadTagException.class);
        }
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        try (AesGcmKey key = new AesGcmKey(new byte[32], random); AesGcmKey other = new AesGcmKey(otherKey, random)) {
            byte[] box = key.seal(plain, aad);
            assertThatThrownBy(() -> other.open(box, aad)).isInstanceOf(AEADBadTagException.class);
        }
    }

    @Test
    void aClosedKeyRefusesWork() {
        AesGcmKey key = new AesGcmKey(new byte[32], random);
        key.close();
        assertThatThrownBy(() -> key.seal(plain, aad)).isInstanceOf(IllegalStateException.class);
    }
}
