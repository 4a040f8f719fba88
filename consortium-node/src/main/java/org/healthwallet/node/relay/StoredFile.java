package org.healthwallet.node.relay;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.healthwallet.ledger.tx.Digest;

/**
 * One encrypted file of a share: its content type, the compact JWE, and the SHA-256 of the JWE's
 * ASCII bytes, which is what the access record names. {@link #toString()} never shows the JWE.
 */
record StoredFile(int index, String contentType, String jwe, Digest digest) {
    StoredFile {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(jwe, "jwe");
        Objects.requireNonNull(digest, "digest");
    }

    static StoredFile of(int index, String contentType, String jwe) {
        return new StoredFile(index, contentType, jwe, Digest.sha256(jwe.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "StoredFile[" + index + ", " + contentType + ", " + jwe.length() + " characters]";
    }
}
