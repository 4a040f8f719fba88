package org.healthwallet.core.records;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The patient's records along time: every summary that names a date, newest first, grouped by the
 * year the record states (not shifted by time zone). Undated records (a Patient, an Organization)
 * are left out; the app filters categories by passing only the summaries it wants.
 */
public record Timeline(List<Year> years) {
    public record Year(int year, List<RecordSummary> records) {
        public Year { records = List.copyOf(records); }
    }

    public Timeline {
        years = List.copyOf(years);
    }

    /** Newest first; records of the same moment keep the order they were given in. */
    public static Timeline of(Collection<RecordSummary> summaries) {
        List<RecordSummary> dated = new ArrayList<>(summaries.size());
        for (RecordSummary summary : summaries) {
            if (summary.date().isPresent()) {
                dated.add(summary);
            }
        }
        dated.sort(Comparator.comparing((RecordSummary s) -> s.date().orElseThrow()).reversed());
        List<Year> years = new ArrayList<>();
        List<RecordSummary> current = new ArrayList<>();
        int currentYear = 0;
        for (RecordSummary summary : dated) {
            int year = summary.date().orElseThrow().year();
            if (!current.isEmpty() && year != currentYear) {
                years.add(new Year(currentYear, current));
                current = new ArrayList<>();
            }
            currentYear = year;
            current.add(summary);
        }
        if (!current.isEmpty()) {
            years.add(new Year(currentYear, current));
        }
        return new Timeline(years);
    }

    /** How many records the timeline shows. */
    public int size() {
        return years.stream().mapToInt(y -> y.records().size()).sum();
    }
}
