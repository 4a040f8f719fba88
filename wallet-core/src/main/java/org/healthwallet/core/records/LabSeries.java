package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a chart: the numeric results of one observation code in one unit, oldest first.
 * Each numeric component is a series of its own, so a blood pressure panel gives a systolic and a
 * diastolic series under their own codes. Results in another unit form another series rather
 * than being mixed into one line.
 *
 * @param system the code system (e.g. {@code http://loinc.org}), null when the coding has none
 * @param code the code (e.g. {@code 2339-0})
 * @param display what the record calls it
 * @param unit the unit as the records show it, null for a plain count
 * @param category the category of the first record (lab result, vital sign, other)
 * @param points the results, oldest first
 */
public record LabSeries(String system, String code, String display, String unit, Category category,
                        List<Point> points) {
    /** One result: when it was taken, its value, and the record it comes from. */
    public record Point(Instant at, RecordDate date, BigDecimal value, StoredRecord record) {
        public Point {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final String LOINC = "http://loinc.org";

    public LabSeries {
        points = List.copyOf(points);
    }

    /** Every series in the index's Observations, lab results first, then vital signs, then others, each by name. */
    public static List<LabSeries> of(RecordIndex index) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (StoredRecord record : index.byType("Observation")) {
            JsonNode observation = FhirJson.tree(record.resource());
            Optional<RecordDate> date = FhirValues.firstDate(observation, "effectiveDateTime", "effectivePeriod",
                    "effectiveInstant", "issued");
            if (date.isEmpty()) {
                continue;
            }
            Category category = index.categoryOf(record);
            add(builders, observation, observation, date.get(), record, category);
            for (JsonNode component : observation.path("component")) {
                add(builders, component, component, date.get(), record, category);
            }
        }
        List<LabSeries> series = new ArrayList<>(builders.size());
        for (Builder builder : builders.values()) {
            series.add(builder.build());
        }
        series.sort(Comparator.comparing((LabSeries s) -> s.category().ordinal())
                .thenComparing(s -> s.display().toLowerCase(java.util.Locale.ROOT)));
        return series;
    }

    /** The series of one code (in the unit with the most results, when there are several). */
    public static Optional<LabSeries> find(List<LabSeries> all, String system, String code) {
        return all.stream()
                .filter(s -> Objects.equals(s.system(), system) && s.code().equals(code))
                .max(Comparator.comparingInt(s -> s.points().size()));
    }

    private static void add(Map<String, Builder> builders, JsonNode valueHolder, JsonNode codeHolder,
                            RecordDate date, StoredRecord record, Category category) {
        ObservationValues.Numeric numeric = ObservationValues.numeric(valueHolder);
        if (numeric == null) {
            return;
        }
        JsonNode coding = chartCoding(codeHolder.path("code"));
        String code = coding == null ? null : FhirValues.text(coding, "code");
        if (code == null) {
            return;
        }
        String system = FhirValues.text(coding, "system");
        String key = system + "|" + code + "|" + numeric.unitKey();
        Builder builder = builders.computeIfAbsent(key, k -> {
            String display = FhirValues.text(coding, "display");
            if (display == null) {
                display = FhirValues.concept(codeHolder.path("code"));
            }
            return new Builder(system, code, display == null ? code : display, numeric.unit(), category);
        });
        builder.points.add(new Point(date.instant(), date, numeric.value(), record));
    }

    /** The coding a chart is keyed by: LOINC when present, else the first with a code. */
    private static JsonNode chartCoding(JsonNode concept) {
        JsonNode first = null;
        for (JsonNode coding : concept.path("coding")) {
            if (FhirValues.text(coding, "code") == null) {
                continue;
            }
            if (LOINC.equals(FhirValues.text(coding, "system"))) {
                return coding;
            }
            if (first == null) {
                first = coding;
            }
        }
        return first;
    }

    private static final class Builder {
        private final String system;
        private final String code;
        private final String display;
        private final String unit;
        private final Category category;
        private final List<Point> points = new ArrayList<>();

        Builder(String system, String code, String display, String unit, Category category) {
            this.system = system;
            this.code = code;
            this.display = display;
            this.unit = unit;
            this.category = category;
        }

        LabSeries build() {
            points.sort(Comparator.comparing(Point::at));
            return new LabSeries(system, code, display, unit, category, points);
        }
    }
}
