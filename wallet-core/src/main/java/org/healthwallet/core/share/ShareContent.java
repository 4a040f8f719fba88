package org.healthwallet.core.share;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.RecordDate;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.StoredRecord;

/**
 * What a share carries, before encryption: the FHIR Bundle made from the patient's selection.
 *
 * @param selection what the patient chose
 * @param bundle the Bundle (a collection, or an IPS document)
 */
public record ShareContent(ShareSelection selection, BuiltBundle bundle) {
    /** The manifest and JWE content type of a FHIR Bundle. */
    public static final String FHIR_JSON = "application/fhir+json";

    public ShareContent {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(bundle, "bundle");
    }

    public String contentType() {
        return FHIR_JSON;
    }

    /**
     * Builds the Bundle for a selection from the unlocked wallet's records.
     *
     * @param profileLabel names the patient in a summary when the wallet has no Patient record
     * @throws ShareException when the selection matches nothing, or names a record the wallet no longer holds
     */
    public static ShareContent build(RecordIndex index, ShareSelection selection, String profileLabel, Instant now,
                                     ZoneId zone) throws ShareException {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(selection, "selection");
        if (selection instanceof ShareSelection.PatientSummary) {
            return new ShareContent(selection, PatientSummaryBuilder.build(index, profileLabel, now, zone));
        }
        List<StoredRecord> chosen = chosen(index, selection);
        if (chosen.isEmpty()) {
            throw new ShareException("Nothing to share: the wallet holds no records that match this choice ("
                    + selection.describe() + ").");
        }
        return new ShareContent(selection, BundleBuilder.collection(index, chosen, now));
    }

    static List<StoredRecord> chosen(RecordIndex index, ShareSelection selection) throws ShareException {
        List<StoredRecord> chosen = new ArrayList<>();
        if (selection instanceof ShareSelection.Categories c) {
            for (StoredRecord record : index.records()) {
                if (c.categories().contains(index.categoryOf(record))) {
                    chosen.add(record);
                }
            }
        } else if (selection instanceof ShareSelection.Records r) {
            for (UUID id : r.recordIds()) {
                chosen.add(index.byId(id).orElseThrow(() -> new ShareException(
                        "A record chosen for this share is no longer in the wallet; choose the records again.")));
            }
        } else if (selection instanceof ShareSelection.DateRange d) {
            for (StoredRecord record : index.records()) {
                if (!d.categories().isEmpty() && !d.categories().contains(index.categoryOf(record))) {
                    continue;
                }
                if (Category.OTHER == index.categoryOf(record) && d.categories().isEmpty()
                        && "Patient".equals(record.resource().resourceType())) {
                    continue;   // the Patient comes along anyway; a birth date is not "a record of the period"
                }
                Optional<RecordDate> date = RecordSummary.of(record, index).date();
                if (date.isPresent() && within(date.get().date(), d.from(), d.to())) {
                    chosen.add(record);
                }
            }
        }
        return chosen;
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
