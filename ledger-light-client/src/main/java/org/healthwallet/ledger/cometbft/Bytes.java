package org.healthwallet.ledger.cometbft;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string: hashes, addresses, signatures, keys. Records built from byte arrays
 * would compare by identity and could be changed by whoever kept the array; this type does neither.
 * {@link #toString()} is CometBFT's upper-case hex.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] value;
    private int hash;

    private Bytes(byte[] owned) {
        this.value = owned;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** Takes ownership of an array nobody else holds (no copy). */
    static Bytes wrap(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    /** Parses hex in either case; throws IllegalArgumentException on anything else. */
    public static Bytes fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text has an odd number of digits");
        }
        return wrap(HexFormat.of().parseHex(hex));
    }

    /** Parses standard base64 (with padding); throws IllegalArgumentException on anything else. */
    public static Bytes fromBase64(String base64) {
        return wrap(Base64.getDecoder().decode(base64));
    }

    public int length() {
        return value.length;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    public byte get(int index) {
        return value[index];
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return value.clone();
    }

    /** The bytes without copying, for encoders in this package that promise not to change them. */
    byte[] raw() {
        return value;
    }

    public String hex() {
        return HEX.formatHex(value);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(value);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
