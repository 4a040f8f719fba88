package org.healthwallet.ledger.tx;

import java.util.Objects;

/**
 * A provider (the signer) vouches for a record by anchoring its SHA-256; anyone holding the record
 * can later prove the provider signed that exact content at that height.
 */
public record RecordAnchored(Digest recordHash) implements Payload {
    public RecordAnchored {
        Objects.requireNonNull(recordHash, "recordHash");
    }

    @Override
    public TxKind kind() {
        return TxKind.RECORD_ANCHORED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.digest(recordHash);
    }

    static RecordAnchored read(BinaryReader in) throws DecodeException {
        return new RecordAnchored(in.digest("record hash"));
    }
}
