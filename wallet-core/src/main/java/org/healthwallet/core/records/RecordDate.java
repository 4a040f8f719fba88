package org.healthwallet.core.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * A date as a record states it, with the precision it was given in: FHIR allows "2019",
 * "2019-03", "2019-03-14" and a full date and time with its offset. Sorting uses {@link #instant()}
 * (the start of the stated period; a bare date is taken as its start in UTC); display uses the
 * precision, so "2019" is never shown as "1 January 2019".
 *
 * @param text the value as written in the record
 * @param precision how much of it was given
 * @param instant the start of the period it names, for ordering
 */
public record RecordDate(String text, Precision precision, Instant instant) implements Comparable<RecordDate> {
    public enum Precision { YEAR, MONTH, DAY, TIME }

    public RecordDate {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(instant, "instant");
    }

    /** Parses a FHIR date, dateTime or instant; empty when the text is none of them. */
    public static Optional<RecordDate> parse(String text) {
        if (text == null || !TemporalType.DATE_TIME.accepts(text)) {
            return Optional.empty();
        }
        int length = text.length();
        int year = Integer.parseInt(text.substring(0, 4));
        if (length == 4) {
            return Optional.of(new RecordDate(text, Precision.YEAR, LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        int month = Integer.parseInt(text.substring(5, 7));
        if (length == 7) {
            return Optional.of(new RecordDate(text, Precision.MONTH, LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (length == 10) {
            return Optional.of(new RecordDate(text, Precision.DAY, LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return Optional.of(new RecordDate(text, Precision.TIME, parseTime(text).toInstant()));
    }

    /** A moment the wallet itself recorded (an import time), shown to the second. */
    public static RecordDate of(Instant instant) {
        return new RecordDate(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)),
                Precision.TIME, instant);
    }

    /** The year as written (not shifted by time zone), for grouping a timeline. */
    public int year() {
        return Integer.parseInt(text.substring(0, 4));
    }

    /** The date as written (for a year or month, its first day). */
    public LocalDate date() {
        return precision == Precision.TIME ? dateTime().orElseThrow().toLocalDate()
                : instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The date and time with the offset it was recorded in, when a time was given. */
    public Optional<OffsetDateTime> dateTime() {
        if (precision != Precision.TIME) {
            return Optional.empty();
        }
        return Optional.of(parseTime(text));
    }

    /** A leap second ("…:60") is valid FHIR but not java.time; one second less is close enough. */
    private static OffsetDateTime parseTime(String text) {
        String time = text.startsWith("60", 17) ? text.substring(0, 17) + "59" + text.substring(19) : text;
        return OffsetDateTime.parse(time);
    }

    @Override
    public int compareTo(RecordDate other) {
        int byInstant = instant.compareTo(other.instant);
        return byInstant != 0 ? byInstant : precision.compareTo(other.precision);
    }
}
