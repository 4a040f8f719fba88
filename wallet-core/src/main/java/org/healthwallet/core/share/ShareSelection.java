package org.healthwallet.core.share;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.healthwallet.core.records.Category;

/**
 * What the patient chose to share: whole categories, records picked by hand, the records dated in
 * a range, or an International Patient Summary built from the whole wallet.
 */
public sealed interface ShareSelection {
    /** A short description for the patient's list of shares (and, hashed, the grant's scope on the ledger). */
    String describe();

    /** Every record of these categories. */
    record Categories(Set<Category> categories) implements ShareSelection {
        public Categories {
            if (categories == null || categories.isEmpty()) {
                throw new IllegalArgumentException("choose at least one category");
            }
            categories = Set.copyOf(EnumSet.copyOf(categories));
        }

        @Override
        public String describe() {
            return "Categories: " + EnumSet.copyOf(categories).stream().map(ShareSelection::words).collect(Collectors.joining(", "));
        }
    }

    /** These records, picked one by one (vault record ids), in the order given. */
    record Records(Set<UUID> recordIds) implements ShareSelection {
        public Records {
            if (recordIds == null || recordIds.isEmpty()) {
                throw new IllegalArgumentException("choose at least one record");
            }
            recordIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(recordIds));
        }

        @Override
        public String describe() {
            return recordIds.size() == 1 ? "1 record chosen by hand" : recordIds.size() + " records chosen by hand";
        }
    }

    /**
     * The records whose date (onset, effective, performed …, as the records screen shows it) falls
     * on or between {@code from} and {@code to}, optionally only of some categories (empty: all).
     * Records that state no date are not included.
     */
    record DateRange(LocalDate from, LocalDate to, Set<Category> categories) implements ShareSelection {
        public DateRange {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
            }
            categories = categories == null || categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        }

        @Override
        public String describe() {
            DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
            String range = "Records dated " + day.format(from) + " to " + day.format(to);
            return categories.isEmpty() ? range
                    : range + " (" + EnumSet.copyOf(categories).stream().map(ShareSelection::words).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** An International Patient Summary of the whole wallet. */
    record PatientSummary() implements ShareSelection {
        @Override
        public String describe() {
            return "International Patient Summary";
        }
    }

    private static String words(Category category) {
        String lower = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
