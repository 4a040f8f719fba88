package org.healthwallet.core.records;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line about a record, for lists and the timeline: a title ("Allergy to peanuts"), the facts
 * that follow it ("High criticality · active") and the date it is about.
 *
 * @param record the record summarised
 * @param category where the records screen lists it
 * @param title what it is; render with {@link TextRenderer#render}
 * @param details short facts after the title; render with {@link TextRenderer#line}
 * @param date when it happened (onset, effective, performed, authored …), empty when it names none
 */
public record RecordSummary(StoredRecord record, Category category, Text title, List<Text> details,
                            Optional<RecordDate> date) {
    public RecordSummary {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(title, "title");
        details = List.copyOf(details);
        Objects.requireNonNull(date, "date");
    }

    /** Summarises a record; the index is used to name what it points to (a Medication's name). */
    public static RecordSummary of(StoredRecord record, RecordIndex index) {
        SummaryRules.Parts parts = SummaryRules.summarize(FhirJson.tree(record.resource()), record, index);
        return new RecordSummary(record, index.categoryOf(record), parts.title(), parts.details(), parts.date());
    }

    /** Summaries of every record in the index, in the index's order. */
    public static List<RecordSummary> all(RecordIndex index) {
        return index.records().stream().map(record -> of(record, index)).toList();
    }

    /** The title of a resource that is not itself a stored record (a contained one), for showing a reference. */
    static Text titleOf(FhirResource resource, StoredRecord container, RecordIndex index) {
        return SummaryRules.summarize(FhirJson.tree(resource), container, index).title();
    }
}
