package org.healthwallet.core.share;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One encrypted file of a share, as the relay stores and serves it.
 *
 * @param contentType what the plaintext is ({@code application/fhir+json})
 * @param jwe the compact JWE
 */
public record EncryptedFile(String contentType, String jwe) {
    public EncryptedFile {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(jwe, "jwe");
    }

    /** SHA-256 of the JWE's ASCII bytes: the digest the relay writes to the ledger when it serves the file. */
    public byte[] digest() {
        return ShareJson.sha256(jwe.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "EncryptedFile[" + contentType + ", " + jwe.length() + " characters]";
    }
}
