package org.healthwallet.ledger.tx;

import java.util.Objects;

/**
 * A relay logs that it is about to serve a share. Appended to the patient's access log. Who asked
 * and which files were served are in {@code details}, sealed to the patient's seal key (the grant's
 * {@code sealTo}): the ledger and its operators see only which share, which relay, when, and the
 * size of the box.
 *
 * @param shareId    SHA-256 of the share's id (the grant's key)
 * @param details    the access details sealed to the patient (docs/transactions.md "Sealed access details")
 * @param accessedAt unix seconds on the relay's clock
 */
public record AccessRecorded(Digest shareId, SealedDetails details, long accessedAt) implements Payload {

    public AccessRecorded {
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(details, "details");
        if (accessedAt < 0) throw new IllegalArgumentException("accessedAt must not be negative");
    }

    @Override
    public TxKind kind() {
        return TxKind.ACCESS_RECORDED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.digest(shareId);
        details.writeTo(out);
        out.u64(accessedAt);
    }

    static AccessRecorded read(BinaryReader in) throws DecodeException {
        Digest shareId = in.digest("share id");
        SealedDetails details = SealedDetails.read(in);
        return new AccessRecorded(shareId, details, in.u64("access time"));
    }
}
