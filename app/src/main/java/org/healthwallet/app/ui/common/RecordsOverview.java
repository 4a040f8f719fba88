package org.healthwallet.app.ui.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.healthwallet.core.records.Category;
import org.healthwallet.core.records.LabSeries;
import org.healthwallet.core.records.RecordDate;
import org.healthwallet.core.records.RecordIndex;
import org.healthwallet.core.records.RecordSummary;

/**
 * Everything the record screens show of an open wallet, worked out once in the background after
 * unlock and after each import (summaries and chart series parse every record's JSON, which is too
 * slow for the FX thread with thousands of records). Immutable.
 *
 * @param index the records
 * @param byCategory each category's summaries, newest first, undated last
 * @param series numeric observations grouped by code, for the lab trends chart
 */
public record RecordsOverview(RecordIndex index, Map<Category, List<RecordSummary>> byCategory, List<LabSeries> series) {
    /** Newest first; records without a date go last, in the order they were imported. */
    public static final Comparator<RecordSummary> NEWEST_FIRST = Comparator.comparing(
            (RecordSummary s) -> s.date().orElse(null), Comparator.nullsLast(Comparator.<RecordDate>reverseOrder()));

    public RecordsOverview {
        Objects.requireNonNull(index, "index");
        byCategory = Collections.unmodifiableMap(new EnumMap<>(byCategory));
        series = List.copyOf(series);
    }

    /** Works the overview out; slow for big wallets, so call it off the FX thread. */
    public static RecordsOverview of(RecordIndex index) {
        Map<Category, List<RecordSummary>> grouped = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            grouped.put(c, new ArrayList<>());
        }
        for (RecordSummary s : RecordSummary.all(index)) {
            grouped.get(s.category()).add(s);
        }
        grouped.replaceAll((c, list) -> {
            list.sort(NEWEST_FIRST);
            return List.copyOf(list);
        });
        return new RecordsOverview(index, grouped, LabSeries.of(index));
    }

    public List<RecordSummary> summaries(Category category) {
        return byCategory.getOrDefault(category, List.of());
    }

    public int count(Category category) {
        return summaries(category).size();
    }

    /** The most recent dated records across the categories a patient reads (claims and the like left out). */
    public List<RecordSummary> recent(int limit) {
        List<RecordSummary> all = new ArrayList<>();
        byCategory.forEach((c, list) -> {
            if (c != Category.OTHER) {
                list.stream().filter(s -> s.date().isPresent()).limit(limit).forEach(all::add);
            }
        });
        all.sort(NEWEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }
}
