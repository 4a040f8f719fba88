package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** A 32-byte Ed25519 public key: a patient, caregiver, relay, provider or consortium operator. */
public record Ed25519PublicKey(byte[] bytes) implements Comparable<Ed25519PublicKey> {
    public static final int LENGTH = 32;

    public Ed25519PublicKey {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is exactly 32 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(HexFormat.of().parseHex(hex));
    }

    /** Verifies a pure Ed25519 (RFC 8032) signature; a key that is not a curve point never verifies. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != 64) return false;
        return Ed25519.verify(signature, 0, bytes, 0, message, 0, message.length);
    }

    /** Whether the bytes encode a point on the curve (a key someone could hold). */
    public boolean isValidPoint() {
        return Ed25519.validatePublicKeyPartial(bytes, 0);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Ed25519PublicKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
