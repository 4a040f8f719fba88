package org.healthwallet.ledger.tx;

/**
 * What a transaction says, one record per {@link TxKind}. Each writes its own canonical bytes;
 * {@link Transaction#decode(byte[])} reads them back through {@link #read(TxKind, BinaryReader)}.
 */
public sealed interface Payload
        permits GrantIssued, GrantRevoked, AccessRecorded, DelegationGranted, DelegationRevoked, HandOver,
        RecordAnchored, RelayRegistered {

    /** Largest payload the decoder accepts (bytes). */
    int MAX_LENGTH = 16 * 1024;

    TxKind kind();

    void writeTo(BinaryWriter out);

    default byte[] encode() {
        BinaryWriter out = new BinaryWriter();
        writeTo(out);
        return out.toByteArray();
    }

    static Payload read(TxKind kind, BinaryReader in) throws DecodeException {
        return switch (kind) {
            case GRANT_ISSUED -> GrantIssued.read(in);
            case GRANT_REVOKED -> GrantRevoked.read(in);
            case ACCESS_RECORDED -> AccessRecorded.read(in);
            case DELEGATION_GRANTED -> DelegationGranted.read(in);
            case DELEGATION_REVOKED -> DelegationRevoked.read(in);
            case HAND_OVER -> HandOver.read(in);
            case RECORD_ANCHORED -> RecordAnchored.read(in);
            case RELAY_REGISTERED -> RelayRegistered.read(in);
        };
    }
}
