package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte X25519 public key: the patient's seal key, to which relays seal access details
 * (HPKE, RFC 9180). A grant carries it so the relay knows whom to seal to without asking anyone.
 */
public record X25519PublicKey(byte[] bytes) {
    public static final int LENGTH = 32;

    public X25519PublicKey {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is exactly 32 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** All zeros: no one holds its private key's partner, and a DH with it gives zero (RFC 7748 §6.1). */
    public boolean isAllZero() {
        for (byte b : bytes) {
            if (b != 0) return false;
        }
        return true;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519PublicKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
