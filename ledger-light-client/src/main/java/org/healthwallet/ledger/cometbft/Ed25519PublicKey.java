package org.healthwallet.ledger.cometbft;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032), the one key type of the ledger: a validator, patient,
 * caregiver, relay, provider or consortium operator.
 *
 * <p>Any 32 bytes make a key, as a transaction carries them: whether they are a curve point is a
 * rule the ledger checks ({@link #isValidPoint}), and a key that is not one never verifies. The
 * point is decoded once, on first use, and kept: decoding is a large part of a verification's
 * cost, and a validator set verifies thousands of commits. BouncyCastle's verifier is used because
 * the JDK's Ed25519 is about ten times slower.
 */
public final class Ed25519PublicKey implements Comparable<Ed25519PublicKey> {
    public static final int SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;
    /** CometBFT's Amino JSON name for this key type. */
    public static final String JSON_TYPE = "tendermint/PubKeyEd25519";

    private final byte[] bytes;
    /** The decoded point; null until first needed, {@link #NOT_A_POINT} when the bytes are none. */
    private volatile Object point;
    private static final Object NOT_A_POINT = new Object();

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public Ed25519PublicKey(byte[] bytes) {
        if (bytes == null || bytes.length != SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is exactly 32 bytes");
        }
        this.bytes = bytes.clone();
    }

    private Ed25519PublicKey(Ed25519PublicKeyParameters point) {
        this.bytes = point.getEncoded();
        this.point = point;
    }

    /** A validator's key: @throws IllegalArgumentException if the bytes are not a 32-byte Ed25519 point */
    public static Ed25519PublicKey of(Bytes bytes) {
        if (bytes.length() != SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, this one has " + bytes.length());
        }
        Ed25519PublicKey key = new Ed25519PublicKey(bytes.raw());
        if (!(key.point() instanceof Ed25519PublicKeyParameters)) {
            throw new IllegalArgumentException("the 32 bytes are not a valid Ed25519 public key");
        }
        return key;
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters point) {
        return new Ed25519PublicKey(point);
    }

    public static Ed25519PublicKey fromHex(String hex) {
        return new Ed25519PublicKey(HexFormat.of().parseHex(hex));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 32 bytes as an immutable byte string. */
    public Bytes asBytes() {
        return Bytes.wrap(bytes.clone());
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The validator address: the first 20 bytes of SHA-256 of the key (CometBFT). */
    public Bytes address() {
        return Bytes.wrap(Arrays.copyOf(Merkle.sha256(bytes).raw(), 20));
    }

    /** Whether the bytes encode a point on the curve (a key someone could hold). */
    public boolean isValidPoint() {
        return Ed25519.validatePublicKeyPartial(bytes, 0);
    }

    /** True when {@code signature} is this key's pure Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        return point() instanceof Ed25519PublicKeyParameters p
                && p.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
    }

    /** As {@link #verify(byte[], byte[])}, for a signature held as a byte string (no copy). */
    public boolean verify(byte[] message, Bytes signature) {
        return signature.length() == SIGNATURE_SIZE && verify(message, signature.raw());
    }

    private Object point() {
        Object p = point;
        if (p == null) {
            try {
                p = new Ed25519PublicKeyParameters(bytes, 0);
            } catch (IllegalArgumentException e) {
                p = NOT_A_POINT;
            }
            point = p;
        }
        return p;
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

    /** The key in lower-case hex, as the ledger's documents and messages write it. */
    @Override
    public String toString() {
        return hex();
    }
}
