package org.healthwallet.ledger.cometbft;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validator's Ed25519 public key. The curve point is decoded once, here, and kept: decoding is a
 * large part of a verification's cost, and a validator set verifies thousands of commits.
 * BouncyCastle's verifier is used because the JDK's Ed25519 is about ten times slower.
 */
public final class Ed25519PublicKey {
    public static final int SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;
    /** CometBFT's Amino JSON name for this key type. */
    public static final String JSON_TYPE = "tendermint/PubKeyEd25519";

    private final Bytes bytes;
    private final Ed25519PublicKeyParameters point;
    private final Bytes address;

    private Ed25519PublicKey(Bytes bytes, Ed25519PublicKeyParameters point) {
        this.bytes = bytes;
        this.point = point;
        // CometBFT: address = first 20 bytes of SHA-256(public key).
        this.address = Bytes.wrap(Arrays.copyOf(Merkle.sha256(bytes.raw()).raw(), 20));
    }

    /** @throws IllegalArgumentException if the bytes are not a 32-byte Ed25519 point */
    public static Ed25519PublicKey of(Bytes bytes) {
        if (bytes.length() != SIZE) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key has 32 bytes, this one has " + bytes.length());
        }
        try {
            return new Ed25519PublicKey(bytes, new Ed25519PublicKeyParameters(bytes.raw(), 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the 32 bytes are not a valid Ed25519 public key", e);
        }
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters point) {
        return new Ed25519PublicKey(Bytes.wrap(point.getEncoded()), point);
    }

    public Bytes bytes() {
        return bytes;
    }

    /** The validator address: the first 20 bytes of SHA-256 of the key. */
    public Bytes address() {
        return address;
    }

    /** True when {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, Bytes signature) {
        if (signature.length() != SIGNATURE_SIZE) {
            return false;
        }
        return point.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature.raw(), 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey k && bytes.equals(k.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + bytes.base64() + "]";
    }
}
