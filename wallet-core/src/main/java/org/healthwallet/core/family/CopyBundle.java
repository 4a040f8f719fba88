package org.healthwallet.core.family;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.BuiltBundle;

/**
 * A caregiver's copy of a dependent's records: a FHIR {@code collection} Bundle whose entries are
 * the records exactly as the dependent's vault holds them (nothing rewritten, unlike a share for a
 * doctor), so each has the same content hash in the copy as in the original and the copy can be
 * compared record for record.
 */
final class CopyBundle {
    private CopyBundle() {}

    static BuiltBundle of(RecordIndex index) {
        StringBuilder json = new StringBuilder(64 + index.records().size() * 1024);
        json.append("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        List<UUID> ids = new ArrayList<>(index.size());
        boolean first = true;
        for (StoredRecord record : index.records()) {
            FhirResource resource = record.resource();
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('{');
            if (resource.fullUrl() != null && !resource.fullUrl().isEmpty()) {
                json.append("\"fullUrl\":\"");
                json.append(JsonStringEncoder.getInstance().quoteAsString(resource.fullUrl()));
                json.append("\",");
            }
            json.append("\"resource\":").append(resource.json()).append('}');
            ids.add(record.id());
        }
        json.append("]}");
        return new BuiltBundle(json.toString(), ids, ids.size());
    }
}
