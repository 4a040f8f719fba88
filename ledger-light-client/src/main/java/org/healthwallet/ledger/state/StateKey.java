package org.healthwallet.ledger.state;

import java.util.Arrays;
import java.util.HexFormat;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.Digest;

/**
 * A logical key of the ledger state: one prefix byte naming the map, then fixed-width parts. Its
 * place in the state tree is {@link #path()}, the SHA-256 of these bytes. The layout is in
 * {@code docs/state.md}; a wallet builds the same key to query ({@code abci_query path="/store"}).
 */
public record StateKey(byte[] bytes) {
    public static final int GRANT = 0x01;
    public static final int REVOCATION = 0x02;
    public static final int NONCE = 0x03;
    public static final int DELEGATION = 0x04;
    public static final int RELAY = 0x05;
    public static final int ANCHOR = 0x06;
    public static final int ACCESS_LOG_HEAD = 0x07;
    public static final int ACCESS_LOG_ENTRY = 0x08;
    public static final int HAND_OVER = 0x09;
    public static final int OPERATORS = 0x0A;
    public static final int MAX_LENGTH = 1 + 32 + 32;

    public StateKey {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a state key is 1 to " + MAX_LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int prefix() {
        return bytes[0] & 0xFF;
    }

    /** Where the key lives in the sparse Merkle tree. */
    public Digest path() {
        return Digest.sha256(bytes);
    }

    public static StateKey grant(Digest shareId) {
        return of(GRANT, shareId.bytes());
    }

    public static StateKey revocation(Digest shareId) {
        return of(REVOCATION, shareId.bytes());
    }

    public static StateKey nonce(Ed25519PublicKey signer) {
        return of(NONCE, signer.bytes());
    }

    public static StateKey delegation(Ed25519PublicKey dependent, Ed25519PublicKey caregiver) {
        return of(DELEGATION, dependent.bytes(), caregiver.bytes());
    }

    public static StateKey relay(Ed25519PublicKey relay) {
        return of(RELAY, relay.bytes());
    }

    public static StateKey anchor(Ed25519PublicKey provider, Digest recordHash) {
        return of(ANCHOR, provider.bytes(), recordHash.bytes());
    }

    public static StateKey accessLogHead(Ed25519PublicKey patient) {
        return of(ACCESS_LOG_HEAD, patient.bytes());
    }

    /** Entry {@code index} (0-based) of the patient's access log. */
    public static StateKey accessLogEntry(Ed25519PublicKey patient, long index) {
        if (index < 0) throw new IllegalArgumentException("index must not be negative");
        return of(ACCESS_LOG_ENTRY, patient.bytes(), new BinaryWriter(8).u64(index).toByteArray());
    }

    public static StateKey handOver(Ed25519PublicKey retiredKey) {
        return of(HAND_OVER, retiredKey.bytes());
    }

    public static StateKey operators() {
        return of(OPERATORS);
    }

    private static StateKey of(int prefix, byte[]... parts) {
        int length = 1;
        for (byte[] part : parts) length += part.length;
        byte[] out = new byte[length];
        out[0] = (byte) prefix;
        int at = 1;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return new StateKey(out);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateKey k && Arrays.equals(bytes, k.bytes);
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
