package org.healthwallet.app.ui.viewer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthwallet.app.ui.common.RecordsOverview;
import org.healthwallet.core.records.FhirReadException;
import org.healthwallet.core.records.FhirReader;
import org.healthwallet.core.records.FhirResource;
import org.healthwallet.core.records.ImportProgress;
import org.healthwallet.core.records.ParsedSource;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.StoredRecord;
import org.healthwallet.core.share.ReceivedShare;

/**
 * Turns the files of an opened link into what the record screens show: every FHIR resource of
 * every file (a Bundle's entries, a single resource) indexed like the wallet's own records, only in
 * memory (the doctor's viewer keeps nothing on disk).
 */
final class ReceivedRecords {
    private ReceivedRecords() {}

    /** Slow for big shares (parses every resource): call it off the FX thread. */
    static RecordsOverview of(ReceivedShare share) throws FhirReadException {
        FhirReader reader = new FhirReader();
        List<StoredRecord> records = new ArrayList<>();
        int file = 0;
        for (ReceivedShare.File f : share.files()) {
            file++;
            ParsedSource parsed = reader.read(new ByteArrayInputStream(f.content()), "shared-file-" + file + ".json",
                    ImportProgress.NONE);
            for (FhirResource resource : parsed.resources()) {
                // A stable id per resource, so the same share opened twice lists the same rows.
                String key = file + "#" + records.size() + "#" + resource.resourceType() + "/" + resource.id();
                records.add(new StoredRecord(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)), 1, resource, List.of()));
            }
        }
        return RecordsOverview.of(RecordIndex.of(records));
    }
}
