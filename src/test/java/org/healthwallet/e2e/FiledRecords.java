package org.healthwallet.e2e;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.Provenance;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;

/**
 * FHIR resources filed into the wallet's categories the way the wallet files them (its
 * {@link RecordIndex}): what the tests of a share compare a receiver's records against.
 */
final class FiledRecords {
    private final RecordIndex index;

    private FiledRecords(RecordIndex index) {
        this.index = index;
    }

    static FiledRecords of(List<FhirResource> resources) {
        return new FiledRecords(RecordIndex.of(resources.stream().map(r -> new StoredRecord(UUID.randomUUID(), 1, r,
                List.of(new Provenance("test", Instant.now(), r.contentHash())))).toList()));
    }

    /** The resources filed under any of {@code categories}. */
    List<FhirResource> in(Set<Category> categories) {
        return categories.stream().flatMap(c -> index.byCategory(c).stream()).map(StoredRecord::resource).toList();
    }

    /** "resourceType/id" of the resources filed under any of {@code categories}. */
    Set<String> idsIn(Set<Category> categories) {
        return in(categories).stream().map(r -> r.resourceType() + "/" + r.id()).collect(Collectors.toSet());
    }
}
