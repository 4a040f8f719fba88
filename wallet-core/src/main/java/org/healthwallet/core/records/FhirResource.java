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
     * Hex SHA-256 of the resource's canonical JSON (keys sorted, no whitespace, arrays in order,
     * the server's meta.versionId/lastUpdated/source left out): the key by which the same record
     * arriving from two sources is recognised and merged. See {@link CanonicalJson}.
     */
    public String contentHash() {
        return CanonicalJson.sha256Hex(json);
    }
}
