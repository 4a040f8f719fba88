package org.healthwallet.ledger.tx;

import java.util.Optional;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * An Ed25519 public key decoded once into a curve point, for a verifier that checks many
 * signatures by the same key (a node checking a relay's access records). Verifies exactly as
 * {@link Ed25519PublicKey#verify} does, without decoding the point each time.
 */
public final class VerifyingKey {
    private final Ed25519PublicKey key;
    private final Ed25519.PublicPoint point;

    private VerifyingKey(Ed25519PublicKey key, Ed25519.PublicPoint point) {
        this.key = key;
        this.point = point;
    }

    /** Empty when the bytes are not a point on the curve (such a key never verifies anything). */
    public static Optional<VerifyingKey> of(Ed25519PublicKey key) {
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(key.bytes(), 0);
        return point == null ? Optional.empty() : Optional.of(new VerifyingKey(key, point));
    }

    public Ed25519PublicKey key() {
        return key;
    }

    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) return false;
        return Ed25519.verify(signature, 0, point, message, 0, message.length);
    }
}
