package org.healthwallet.ledger.cometbft;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A minimal protobuf writer that emits exactly what Go's gogoproto emits for the messages CometBFT
 * hashes and signs: proto3 scalars are left out when zero, embedded messages that Go declares
 * non-nullable are written even when empty (an empty BlockID's part set header is {@code 12 00}).
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] buffer;
    private int size;

    ProtoWriter() {
        this(64);
    }

    ProtoWriter(int capacity) {
        buffer = new byte[capacity];
    }

    ProtoWriter uvarint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
        return this;
    }

    private void tag(int field, int wireType) {
        uvarint(((long) field << 3) | wireType);
    }

    /** int64, uint64, uint32 and enums: varint of the two's complement value; omitted when zero. */
    ProtoWriter varintField(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            uvarint(value);
        }
        return this;
    }

    /** sfixed64: eight little-endian bytes; omitted when zero. */
    ProtoWriter sfixed64Field(int field, long value) {
        if (value != 0) {
            tag(field, FIXED64);
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buffer[size++] = (byte) (value >>> (8 * i));
            }
        }
        return this;
    }

    /** bytes: omitted when empty. */
    ProtoWriter bytesField(int field, byte[] value) {
        if (value.length != 0) {
            lengthDelimited(field, value);
        }
        return this;
    }

    ProtoWriter bytesField(int field, Bytes value) {
        return bytesField(field, value.raw());
    }

    /** string: omitted when empty. */
    ProtoWriter stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An embedded message that is always written, also when its encoding is empty. */
    ProtoWriter messageField(int field, byte[] encoded) {
        lengthDelimited(field, encoded);
        return this;
    }

    private void lengthDelimited(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        uvarint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** The message prefixed by its uvarint length, as Go's protoio.MarshalDelimited writes it. */
    byte[] toDelimitedByteArray() {
        ProtoWriter out = new ProtoWriter(size + 5);
        out.uvarint(size);
        out.ensure(size);
        System.arraycopy(buffer, 0, out.buffer, out.size, size);
        out.size += size;
        return out.toByteArray();
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }

    /** google.protobuf.Timestamp: seconds and nanos, each left out when zero. */
    static byte[] timestamp(Instant time) {
        return new ProtoWriter(16)
                .varintField(1, time.getEpochSecond())
                .varintField(2, time.getNano())
                .toByteArray();
    }
}
