package org.healthwallet.ledger.tx;

import java.util.Random;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class VerifyingKeyTest {
    @Test
    void agreesWithPlainVerificationOnGoodAndBadSignatures() {
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            SigningKey key = SigningKey.fromSeed(seed);
            byte[] message = new byte[1 + random.nextInt(64)];
            random.nextBytes(message);
            byte[] signature = key.sign(message);
            if (i % 2 == 1) signature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            VerifyingKey prepared = VerifyingKey.of(key.publicKey()).orElseThrow();
            assertThat(prepared.verify(message, signature)).isEqualTo(key.publicKey().verify(message, signature));
            assertThat(prepared.verify(message, signature)).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void bytesOffTheCurveGiveNoKey() {
        // y = 2 is not the y-coordinate of any point on edwards25519.
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        Ed25519PublicKey key = new Ed25519PublicKey(notAPoint);
        assertThat(VerifyingKey.of(key)).isEmpty();
        assertThat(key.isValidPoint()).isFalse();
    }

    @Test
    void aTransactionVerifiesTheSameWithAPreparedKey() {
        for (Transaction tx : TxExamples.all()) {
            VerifyingKey key = VerifyingKey.of(tx.signer()).orElseThrow();
            assertThat(tx.hasValidSignature(TxExamples.CHAIN_ID, key)).isTrue();
            assertThat(tx.hasValidSignature("other-chain", key)).isFalse();
        }
    }
}
