package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * An access entry's details as the ledger holds them: sealed to the patient, opaque to everyone
 * else (format: docs/transactions.md "Sealed access details").
 *
 * @param enc        the HPKE encapsulated key of the relay's sender context (32 bytes, X25519)
 * @param counter    this entry's number in that context; the per-entry key is exported with it
 * @param ciphertext AES-256-GCM ciphertext with its 16-byte tag
 */
public record SealedDetails(byte[] enc, long counter, byte[] ciphertext) {
    public static final int ENC_BYTES = 32;
    public static final int TAG_BYTES = 16;
    /** The bound on the whole encoding (version, enc, counter, length, ciphertext). */
    public static final int MAX_BYTES = 4096;
    public static final int MAX_CIPHERTEXT_BYTES = MAX_BYTES - 1 - ENC_BYTES - 8 - 2;
    static final int VERSION = 1;

    public SealedDetails {
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (enc.length != ENC_BYTES) throw new IllegalArgumentException("enc must be " + ENC_BYTES + " bytes");
        if (counter < 0) throw new IllegalArgumentException("counter must not be negative");
        if (ciphertext.length < TAG_BYTES || ciphertext.length > MAX_CIPHERTEXT_BYTES) {
            throw new IllegalArgumentException("sealed details must be " + TAG_BYTES + " to " + MAX_CIPHERTEXT_BYTES + " bytes");
        }
        enc = enc.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] enc() {
        return enc.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The encoded size, as the ledger counts it against {@link #MAX_BYTES}. */
    public int size() {
        return 1 + ENC_BYTES + 8 + 2 + ciphertext.length;
    }

    public void writeTo(BinaryWriter out) {
        out.u8(VERSION).raw(enc).u64(counter).u16(ciphertext.length).raw(ciphertext);
    }

    public static SealedDetails read(BinaryReader in) throws DecodeException {
        int version = in.u8("sealed details version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION, "sealed details version " + version + " is not known; only " + VERSION + ".");
        }
        byte[] enc = in.raw(ENC_BYTES, "sealed details enc");
        long counter = in.u64("sealed details counter");
        if (counter < 0) throw new DecodeException(Reason.OUT_OF_RANGE, "the sealed details counter is above 2^63.");
        int length = in.u16("sealed details length");
        if (length < TAG_BYTES || length > MAX_CIPHERTEXT_BYTES) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "sealed details are " + length + " bytes; they must be "
                    + TAG_BYTES + " to " + MAX_CIPHERTEXT_BYTES + " bytes.");
        }
        return new SealedDetails(enc, counter, in.raw(length, "sealed details"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedDetails s && counter == s.counter && Arrays.equals(enc, s.enc)
                && Arrays.equals(ciphertext, s.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(enc) + Long.hashCode(counter)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedDetails[enc=" + HexFormat.of().formatHex(enc) + ", counter=" + counter + ", " + ciphertext.length + " bytes]";
    }
}
