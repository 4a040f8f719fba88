package org.healthwallet.ledger.tx;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * Reads the canonical layout written by {@link BinaryWriter}, strictly: every read is bounds
 * checked, text must be valid UTF-8 without control characters, and {@link #finish()} refuses
 * trailing bytes. Each failure names the field that was being read.
 */
public final class BinaryReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    public BinaryReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public BinaryReader(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    private void need(int count, String field) throws DecodeException {
        if (count > remaining()) {
            throw new DecodeException(Reason.TRUNCATED,
                    "The bytes end inside " + field + " (needs " + count + " more bytes, " + remaining() + " left).");
        }
    }

    public int u8(String field) throws DecodeException {
        need(1, field);
        return bytes[position++] & 0xFF;
    }

    public int u16(String field) throws DecodeException {
        need(2, field);
        int value = ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public long u32(String field) throws DecodeException {
        need(4, field);
        long value = 0;
        for (int i = 0; i < 4; i++) value = (value << 8) | (bytes[position++] & 0xFF);
        return value;
    }

    /** A u64 whose top bit must be clear (values above 2^63-1 are refused). */
    public long u64(String field) throws DecodeException {
        need(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) value = (value << 8) | (bytes[position++] & 0xFF);
        if (value < 0) {
            throw new DecodeException(Reason.OUT_OF_RANGE, field + " is larger than 2^63-1.");
        }
        return value;
    }

    public byte[] raw(int count, String field) throws DecodeException {
        need(count, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    public Digest digest(String field) throws DecodeException {
        return new Digest(raw(Digest.LENGTH, field));
    }

    public Ed25519PublicKey key(String field) throws DecodeException {
        return new Ed25519PublicKey(raw(Ed25519PublicKey.SIZE, field));
    }

    /** u16-prefixed UTF-8 text of {@code min..max} bytes, no control characters. */
    public String text(String field, int min, int max) throws DecodeException {
        int length = u16(field + " length");
        if (length < min || length > max) {
            throw new DecodeException(Reason.OUT_OF_RANGE,
                    field + " is " + length + " bytes; it must be " + min + " to " + max + " bytes.");
        }
        need(length, field);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(Reason.BAD_TEXT, field + " is not valid UTF-8 text.");
        }
        position += length;
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new DecodeException(Reason.BAD_TEXT, field + " contains control characters.");
        }
        return text;
    }

    /** Refuses bytes left over after the last field, so each value has one encoding. */
    public void finish(String what) throws DecodeException {
        if (remaining() != 0) {
            throw new DecodeException(Reason.TRAILING_BYTES,
                    what + " has " + remaining() + " unexpected bytes after its last field.");
        }
    }
}
