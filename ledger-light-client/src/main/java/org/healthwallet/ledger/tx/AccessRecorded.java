package org.healthwallet.ledger.tx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.healthwallet.ledger.tx.DecodeException.Reason;

/**
 * A relay logs that it is about to serve a share: to whom (the name the doctor gave), which
 * encrypted files (their digests) and when. Appended to the patient's access log.
 *
 * @param shareId    SHA-256 of the share's id (the grant's key)
 * @param recipient  the recipient exactly as the doctor typed it, 1..200 UTF-8 bytes
 * @param files      SHA-256 digests of the files served, in the order served (0..64)
 * @param accessedAt unix seconds on the relay's clock
 */
public record AccessRecorded(Digest shareId, String recipient, List<Digest> files, long accessedAt)
        implements Payload {
    public static final int MAX_RECIPIENT_BYTES = 200;
    public static final int MAX_FILES = 64;

    public AccessRecorded {
        Objects.requireNonNull(shareId, "shareId");
        Objects.requireNonNull(recipient, "recipient");
        files = List.copyOf(files);
        int length = recipient.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_RECIPIENT_BYTES) {
            throw new IllegalArgumentException("recipient must be 1 to " + MAX_RECIPIENT_BYTES + " bytes of UTF-8");
        }
        if (recipient.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("recipient must not contain control characters");
        }
        if (files.size() > MAX_FILES) throw new IllegalArgumentException("at most " + MAX_FILES + " files");
        if (accessedAt < 0) throw new IllegalArgumentException("accessedAt must not be negative");
    }

    @Override
    public TxKind kind() {
        return TxKind.ACCESS_RECORDED;
    }

    @Override
    public void writeTo(BinaryWriter out) {
        out.digest(shareId).text(recipient).u16(files.size());
        for (Digest file : files) out.digest(file);
        out.u64(accessedAt);
    }

    static AccessRecorded read(BinaryReader in) throws DecodeException {
        Digest shareId = in.digest("share id");
        String recipient = in.text("recipient", 1, MAX_RECIPIENT_BYTES);
        int count = in.u16("file count");
        if (count > MAX_FILES) {
            throw new DecodeException(Reason.OUT_OF_RANGE, "file count is " + count + "; at most " + MAX_FILES + ".");
        }
        List<Digest> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) files.add(in.digest("file digest " + i));
        return new AccessRecorded(shareId, recipient, files, in.u64("access time"));
    }
}
