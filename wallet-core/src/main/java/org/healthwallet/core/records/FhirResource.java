package org.healthwallet.core.records;

import java.util.Objects;

/**
 * One FHIR R4 resource as received: its JSON text exactly as the source had it (re-serialized
 * compactly from the entry, field order kept), and where it came from inside its source.
 *
 * @param resourceType the FHIR type, e.g. {@code Observation}
 * @param id the logical id, or {@code null} when the resource has none
 * @param fullUrl the Bundle entry's fullUrl (e.g. {@code urn:uuid:…}), or {@code null}
 * @param json the resource as compact JSON
 */
public record FhirResource(String resourceType, String id, String fullUrl, String json) {
    public FhirResource {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(json, "json");
    }

    /**
     * Hex SHA-256 of the resource's canonical JSON: the key by which the same record arriving from
     * two sources is recognised and merged. (The records engineer may refine the canonical form.)
     */
    public String contentHash() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
