package org.healthwallet.core.records;

import static java.util.Map.entry;
import static org.healthwallet.core.records.TemporalType.DATE;
import static org.healthwallet.core.records.TemporalType.DATE_TIME;
import static org.healthwallet.core.records.TemporalType.INSTANT;

import java.util.Map;

/**
 * Which JSON property names hold a date, dateTime or instant anywhere in FHIR R4, taken from the
 * R4 structure definitions of every resource and data type (choice elements under their JSON
 * names, e.g. {@code effectiveDateTime}). A name that is a date in one place and a date/time in
 * another is checked as date/time, the wider of the two. The few names R4 also uses for
 * something else are decided by where they stand (see {@link #typeOf}).
 */
final class DateElements {
    private static final Map<String, TemporalType> BY_NAME = Map.ofEntries(
            entry("abatementDateTime", DATE_TIME), entry("answerDate", DATE),
            entry("answerDateTime", DATE_TIME), entry("approvalDate", DATE), entry("authored", DATE_TIME),
            entry("authoredOn", DATE_TIME), entry("birthDate", DATE), entry("bornDate", DATE),
            entry("collectedDateTime", DATE_TIME), entry("created", DATE_TIME),
            entry("createdDateTime", DATE_TIME), entry("creation", DATE_TIME), entry("date", DATE_TIME),
            entry("dateAsserted", DATE_TIME), entry("dateDateTime", DATE_TIME),
            entry("dateOfFirstAuthorization", DATE_TIME), entry("dateTime", DATE_TIME),
            entry("dateWritten", DATE_TIME), entry("deceasedDate", DATE), entry("deceasedDateTime", DATE_TIME),
            entry("defaultValueDate", DATE), entry("defaultValueDateTime", DATE_TIME),
            entry("defaultValueInstant", INSTANT), entry("detected", DATE_TIME), entry("dueDate", DATE),
            entry("effectiveDate", DATE_TIME), entry("effectiveDateTime", DATE_TIME),
            entry("effectiveInstant", INSTANT), entry("effectiveTime", DATE_TIME),
            entry("enteredDate", DATE_TIME), entry("expirationDate", DATE_TIME), entry("expiry", DATE_TIME),
            entry("fixedDate", DATE), entry("fixedDateTime", DATE_TIME), entry("fixedInstant", INSTANT),
            entry("identifiedDateTime", DATE_TIME), entry("ifModifiedSince", INSTANT),
            entry("internationalBirthDate", DATE_TIME), entry("issued", DATE_TIME),
            entry("lastModified", DATE_TIME), entry("lastOccurrence", DATE_TIME),
            entry("lastPerformed", DATE_TIME), entry("lastReviewDate", DATE), entry("lastUpdated", DATE_TIME),
            entry("manufactureDate", DATE_TIME), entry("maxValueDate", DATE),
            entry("maxValueDateTime", DATE_TIME), entry("maxValueInstant", INSTANT),
            entry("minValueDate", DATE), entry("minValueDateTime", DATE_TIME),
            entry("minValueInstant", INSTANT), entry("nextScheduled", DATE),
            entry("occurredDateTime", DATE_TIME), entry("occurrenceDateTime", DATE_TIME),
            entry("onset", DATE_TIME), entry("onsetDateTime", DATE_TIME),
            entry("participantEffectiveDateTime", DATE_TIME), entry("patternDate", DATE),
            entry("patternDateTime", DATE_TIME), entry("patternInstant", INSTANT),
            entry("paymentDate", DATE_TIME), entry("performedDateTime", DATE_TIME),
            entry("presentationDate", DATE_TIME), entry("publicationDate", DATE_TIME),
            entry("received", DATE_TIME), entry("receivedTime", DATE_TIME), entry("recorded", DATE_TIME),
            entry("recordedDate", DATE_TIME), entry("recordedOn", DATE_TIME), entry("releaseDate", DATE_TIME),
            entry("restoreDate", DATE_TIME), entry("sent", DATE_TIME), entry("servicedDate", DATE),
            entry("startDate", DATE), entry("started", DATE_TIME), entry("statusDate", DATE_TIME),
            entry("studyEffectiveDateTime", DATE_TIME), entry("time", DATE_TIME),
            entry("timeDateTime", DATE_TIME), entry("timestamp", DATE_TIME), entry("timingDate", DATE),
            entry("timingDateTime", DATE_TIME), entry("validTo", DATE_TIME),
            entry("validationDate", DATE_TIME), entry("valueDate", DATE), entry("valueDateTime", DATE_TIME),
            entry("valueInstant", INSTANT), entry("verificationDate", DATE_TIME),
            entry("whenHandedOver", DATE_TIME), entry("whenPrepared", DATE_TIME));

    private DateElements() {}

    /**
     * The date type of a string property, or null when it holds no date.
     *
     * @param name the property name
     * @param parent the name of the property holding the enclosing object (null at a resource's root)
     * @param resourceType the type of the resource the enclosing object belongs to, when it is its root
     */
    static TemporalType typeOf(String name, String parent, String resourceType) {
        TemporalType type = BY_NAME.get(name);
        if (type != null) {
            return "lastUpdated".equals(name) && "meta".equals(parent) ? INSTANT : type;
        }
        return switch (name) {
            // Period.start/end and Appointment/Slot.start/end; GraphDefinition.start is a resource type code.
            case "start", "end" -> "GraphDefinition".equals(resourceType) ? null : DATE_TIME;
            // Timing.event holds date/times; every other "event" is an object, never a string.
            case "event" -> DATE_TIME;
            // Signature.when is an instant; Timing.repeat.when holds codes such as "MORN".
            case "when" -> "repeat".equals(parent) ? null : INSTANT;
            // ImmunizationRecommendation.recommendation.dateCriterion.value; "value" is text elsewhere.
            case "value" -> "dateCriterion".equals(parent) ? DATE_TIME : null;
            // CodeSystem/ValueSet compose.lockedDate; TerminologyCapabilities.lockedDate is a boolean.
            case "lockedDate" -> DATE;
            default -> null;
        };
    }
}
