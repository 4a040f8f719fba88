package org.healthwallet.ledger.tx;

import java.util.Arrays;
import java.util.Objects;
import org.healthwallet.ledger.cometbft.Ed25519PublicKey;
import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * A signed ledger transaction (envelope version 1). Layout, all integers big-endian:
 * <pre>
 *   u8 version | u8 kind | 32 signer | u64 nonce | u32 payload length | payload | 64 signature
 * </pre>
 * The signature is Ed25519 over {@link SigningDomain#TRANSACTION}{@code (chainId, everything before it)},
 * so a transaction cannot be replayed on another chain. {@link #hash()} is SHA-256 of the encoded
 * bytes, the same hash CometBFT shows for the transaction. See {@code docs/transactions.md}.
 *
 * @param nonce the signer's next nonce: 1 for its first transaction, then +1 each time
 */
public record Transaction(int version, Ed25519PublicKey signer, long nonce, Payload payload, byte[] signature) {
    public static final int VERSION = 1;
    /** Bytes in an envelope besides the payload. */
    public static final int ENVELOPE_BYTES = 1 + 1 + 32 + 8 + 4 + 64;
    public static final int MAX_LENGTH = ENVELOPE_BYTES + Payload.MAX_LENGTH;

    public Transaction {
        if (version != VERSION) throw new IllegalArgumentException("only version " + VERSION + " can be built");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(payload, "payload");
        if (nonce < 1) throw new IllegalArgumentException("nonce starts at 1");
        if (signature == null || signature.length != 64) {
            throw new IllegalArgumentException("a signature is exactly 64 bytes");
        }
        signature = signature.clone();
    }

    /** Builds and signs a transaction with {@code key} for chain {@code chainId}. */
    public static Transaction sign(String chainId, SigningKey key, long nonce, Payload payload) {
        byte[] body = body(VERSION, key.publicKey(), nonce, payload);
        byte[] signature = key.sign(SigningDomain.TRANSACTION.hash(chainId, body));
        return new Transaction(VERSION, key.publicKey(), nonce, payload, signature);
    }

    public TxKind kind() {
        return payload.kind();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The 32 bytes the signer signed. */
    public byte[] signingHash(String chainId) {
        return SigningDomain.TRANSACTION.hash(chainId, body(version, signer, nonce, payload));
    }

    public boolean hasValidSignature(String chainId) {
        return signer.verify(signingHash(chainId), signature);
    }

    /** As {@link #hasValidSignature(String)}, with the signer's key already decoded (see {@link VerifyingKey}). */
    public boolean hasValidSignature(String chainId, VerifyingKey signerKey) {
        if (!signerKey.key().equals(signer)) throw new IllegalArgumentException("the verifying key is not the signer's");
        return signerKey.verify(signingHash(chainId), signature);
    }

    public byte[] encode() {
        byte[] body = body(version, signer, nonce, payload);
        byte[] out = Arrays.copyOf(body, body.length + 64);
        System.arraycopy(signature, 0, out, body.length, 64);
        return out;
    }

    /** SHA-256 of {@link #encode()}: the transaction's id in CometBFT ({@code /tx?hash=}). */
    public Digest hash() {
        return Digest.sha256(encode());
    }

    private static byte[] body(int version, Ed25519PublicKey signer, long nonce, Payload payload) {
        byte[] payloadBytes = payload.encode();
        return new BinaryWriter(ENVELOPE_BYTES + payloadBytes.length)
                .u8(version).u8(payload.kind().code()).key(signer).u64(nonce)
                .u32(payloadBytes.length).raw(payloadBytes)
                .toByteArray();
    }

    /**
     * Reads a transaction strictly: known version and kind, every field in range, the payload
     * exactly its stated length, nothing after the signature. Does not check the signature.
     */
    public static Transaction decode(byte[] bytes) throws DecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new DecodeException(Reason.TRUNCATED, "The transaction is empty.");
        }
        if (bytes.length > MAX_LENGTH) {
            throw new DecodeException(Reason.TOO_LONG,
                    "The transaction is " + bytes.length + " bytes; at most " + MAX_LENGTH + " are accepted.");
        }
        BinaryReader in = new BinaryReader(bytes);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new DecodeException(Reason.UNSUPPORTED_VERSION,
                    "Transaction version " + version + " is not supported (this ledger reads version " + VERSION + ").");
        }
        int kindCode = in.u8("kind");
        TxKind kind = TxKind.fromCode(kindCode).orElseThrow(() -> new DecodeException(Reason.UNKNOWN_KIND,
                "Transaction kind " + kindCode + " is unknown."));
        Ed25519PublicKey signer = in.key("signer key");
        long nonce = in.u64("nonce");
        if (nonce == 0) throw new DecodeException(Reason.OUT_OF_RANGE, "nonce must be at least 1.");
        long payloadLength = in.u32("payload length");
        if (payloadLength > Payload.MAX_LENGTH) {
            throw new DecodeException(Reason.TOO_LONG,
                    "The payload is " + payloadLength + " bytes; at most " + Payload.MAX_LENGTH + " are accepted.");
        }
        if (payloadLength > in.remaining()) {
            throw new DecodeException(Reason.TRUNCATED,
                    "The payload is said to be " + payloadLength + " bytes but only " + in.remaining() + " follow.");
        }
        BinaryReader payloadIn = new BinaryReader(bytes, in.position(), (int) payloadLength);
        Payload payload = Payload.read(kind, payloadIn);
        payloadIn.finish("The " + kind.label() + " payload");
        in.raw((int) payloadLength, "payload");
        byte[] signature = in.raw(64, "signature");
        in.finish("The transaction");
        return new Transaction(version, signer, nonce, payload, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Transaction t && version == t.version && nonce == t.nonce && signer.equals(t.signer)
                && payload.equals(t.payload) && Arrays.equals(signature, t.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, signer, nonce, payload, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Transaction[" + kind().label() + " by " + signer + " nonce " + nonce + "]";
    }
}
