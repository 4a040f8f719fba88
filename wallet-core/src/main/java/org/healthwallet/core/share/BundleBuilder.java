package org.healthwallet.core.share;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;

/**
 * A FHIR R4 {@code collection} Bundle of the records the patient chose, with the Patient record
 * and what the chosen records name (see {@link BundleEntries} for which, and how references are
 * kept resolvable). The resources are the records as the vault holds them; only references that
 * lead to another entry are rewritten to that entry's fullUrl.
 */
public final class BundleBuilder {
    private BundleBuilder() {}

    public static BuiltBundle collection(RecordIndex index, List<StoredRecord> chosen, Instant now) {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(now, "now");
        BundleEntries entries = new BundleEntries(index, chosen, true);
        String patientUrl = entries.subject().map(entries::fullUrlOf).orElse(null);
        ObjectNode bundle = ShareJson.MAPPER.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("id", UUID.randomUUID().toString());
        bundle.put("type", "collection");
        bundle.put("timestamp", instant(now));
        ArrayNode list = bundle.putArray("entry");
        List<UUID> ids = new ArrayList<>();
        for (StoredRecord record : entries.records()) {
            list.add(entries.entry(record, patientUrl));
            ids.add(record.id());
        }
        return new BuiltBundle(ShareJson.write(bundle), ids, list.size());
    }

    /** A FHIR instant to the second, in UTC. */
    static String instant(Instant at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
