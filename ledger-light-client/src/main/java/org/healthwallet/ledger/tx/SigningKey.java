package org.healthwallet.ledger.tx;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * An Ed25519 private key that signs ledger transactions. The wallet derives the 32-byte seed from
 * its root secret; the seed never leaves this object and is not printed by {@link #toString()}.
 */
public final class SigningKey {
    private final byte[] seed;
    private final byte[] publicKeyBytes;
    private final Ed25519PublicKey publicKey;

    private SigningKey(byte[] seed) {
        if (seed == null || seed.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is exactly 32 bytes");
        }
        this.seed = seed.clone();
        byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.seed, 0, pub, 0);
        this.publicKeyBytes = pub;
        this.publicKey = new Ed25519PublicKey(pub);
    }

    public static SigningKey fromSeed(byte[] seed) {
        return new SigningKey(seed);
    }

    public static SigningKey generate(SecureRandom random) {
        byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
        random.nextBytes(seed);
        return new SigningKey(seed);
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Pure Ed25519 (RFC 8032) signature over {@code message}. */
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        // Passing the public key saves deriving it again (a second scalar multiplication) on every signature.
        Ed25519.sign(seed, 0, publicKeyBytes, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey.hex() + "]";
    }
}
