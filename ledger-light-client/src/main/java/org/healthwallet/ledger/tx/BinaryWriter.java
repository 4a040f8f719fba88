package org.healthwallet.ledger.tx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;

/**
 * Writes the ledger's canonical binary layout: big-endian integers, fixed 32-byte keys and digests,
 * u16-length-prefixed UTF-8 text. One value has exactly one encoding.
 */
public final class BinaryWriter {
    private byte[] buffer;
    private int size;

    public BinaryWriter() {
        this(128);
    }

    public BinaryWriter(int expectedSize) {
        this.buffer = new byte[Math.max(16, expectedSize)];
    }

    private void put(int b) {
        if (size == buffer.length) buffer = Arrays.copyOf(buffer, buffer.length * 2);
        buffer[size++] = (byte) b;
    }

    public BinaryWriter u8(int value) {
        if (value < 0 || value > 0xFF) throw new IllegalArgumentException("u8 out of range: " + value);
        put(value);
        return this;
    }

    public BinaryWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException("u16 out of range: " + value);
        put(value >>> 8);
        put(value);
        return this;
    }

    public BinaryWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("u32 out of range: " + value);
        for (int shift = 24; shift >= 0; shift -= 8) put((int) (value >>> shift));
        return this;
    }

    /** A u64 restricted to 0..2^63-1, so it always fits a Java long. */
    public BinaryWriter u64(long value) {
        if (value < 0) throw new IllegalArgumentException("u64 out of range: " + value);
        for (int shift = 56; shift >= 0; shift -= 8) put((int) (value >>> shift));
        return this;
    }

    public BinaryWriter raw(byte[] bytes) {
        if (size + bytes.length > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes.length));
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public BinaryWriter digest(Digest digest) {
        return raw(digest.bytes());
    }

    public BinaryWriter key(Ed25519PublicKey key) {
        return raw(key.bytes());
    }

    /** u16 byte length, then UTF-8 bytes. */
    public BinaryWriter text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        u16(utf8.length);
        return raw(utf8);
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
