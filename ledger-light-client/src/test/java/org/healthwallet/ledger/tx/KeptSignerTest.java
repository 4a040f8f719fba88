package org.healthwallet.ledger.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.healthwallet.ledger.cometbft.Bytes;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.junit.jupiter.api.Test;

/** The one Ed25519 key type: any 32 bytes from a transaction, a point only when it is one. */
class KeptSignerTest {
    @Test
    void aKeptKeyVerifiesExactlyAsAFreshOne() {
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            SigningKey key = SigningKey.fromSeed(seed);
            byte[] message = new byte[1 + random.nextInt(64)];
            random.nextBytes(message);
            byte[] signature = key.sign(message);
            if (i % 2 == 1) signature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            Ed25519PublicKey kept = key.publicKey();
            kept.verify(new byte[1], new byte[64]);
            Ed25519PublicKey fresh = new Ed25519PublicKey(kept.bytes());
            assertThat(kept.verify(message, signature)).isEqualTo(fresh.verify(message, signature)).isEqualTo(i % 2 == 0);
            assertThat(fresh.verify(message, Bytes.of(signature))).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void bytesOffTheCurveAreAKeyThatNeverVerifies() {
        // y = 2 is not the y-coordinate of any point on edwards25519.
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2;
        Ed25519PublicKey key = new Ed25519PublicKey(notAPoint);
        assertThat(key.isValidPoint()).isFalse();
        assertThat(key.verify(new byte[]{1}, new byte[64])).isFalse();
        assertThatThrownBy(() -> Ed25519PublicKey.of(Bytes.of(notAPoint))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid Ed25519 public key");
    }

    @Test
    void aTransactionVerifiesTheSameWithAKeptSigner() {
        for (Transaction tx : TxExamples.all()) {
            Ed25519PublicKey kept = new Ed25519PublicKey(tx.signer().bytes());
            assertThat(tx.hasValidSignature(TxExamples.CHAIN_ID, kept)).isTrue();
            assertThat(tx.hasValidSignature("other-chain", kept)).isFalse();
        }
    }
}
