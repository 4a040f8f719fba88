package org.healthwallet.core.share;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a doctor got from a link: the files, decrypted, in the manifest's order.
 *
 * @param link the link that was opened
 * @param files the decrypted files
 */
public record ReceivedShare(ShareLink link, List<File> files) {
    public ReceivedShare {
        Objects.requireNonNull(link, "link");
        files = List.copyOf(files);
    }

    /**
     * One decrypted file.
     *
     * @param contentType from the manifest (for a U-flag link, the JWE's {@code cty}, else {@code application/fhir+json})
     * @param content the plaintext bytes
     */
    public record File(String contentType, byte[] content) {
        public File {
            Objects.requireNonNull(contentType, "contentType");
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The content as UTF-8 text (FHIR JSON, a SMART Health Card file). */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "File[" + contentType + ", " + content.length + " bytes]";
        }
    }
}
