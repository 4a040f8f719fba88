package org.healthwallet.core.records;

import java.util.List;
import java.util.UUID;

/**
 * A record as the vault holds it after unlock: the resource, its row identity and its provenance.
 *
 * @param id random row id (never derived from the content)
 * @param version row version; bumps when the row is rewritten (e.g. a merge adds provenance)
 */
public record StoredRecord(UUID id, int version, FhirResource resource, List<Provenance> provenance) {
    public StoredRecord {
        provenance = List.copyOf(provenance);
    }
}
