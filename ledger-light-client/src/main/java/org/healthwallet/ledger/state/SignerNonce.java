package org.healthwallet.ledger.state;

import org.healthwallet.ledger.tx.BinaryReader;
import org.healthwallet.ledger.tx.BinaryWriter;
import org.healthwallet.ledger.tx.DecodeException;

/** The last nonce a signer used (key {@link StateKey#nonce}); absent means 0, so the next is 1. */
public record SignerNonce(long last) {
    public long next() {
        return last + 1;
    }

    public byte[] encode() {
        return new BinaryWriter(9).u8(StateKey.NONCE).u64(last).toByteArray();
    }

    public static SignerNonce decode(byte[] bytes) throws DecodeException {
        BinaryReader in = ValueTag.open(bytes, StateKey.NONCE, "nonce");
        SignerNonce nonce = new SignerNonce(in.u64("nonce"));
        in.finish("The nonce");
        return nonce;
    }
}
