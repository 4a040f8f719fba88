package org.healthwallet.core.records;

import static org.healthwallet.core.records.FhirValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A record laid out for the detail pane: label/value rows in the record's own order, each FHIR
 * data type shown the way a person reads it (a CodeableConcept by its name, a Quantity with its
 * unit, a Period as a range), references shown by the title of the record they lead to (with that
 * record as the row's link), and where the record came from at the end. The raw JSON is
 * {@code record.resource().json()}.
 *
 * @param summary the record's one-line summary (title for the pane's heading)
 * @param rows label/value rows in order
 */
public record RecordDetail(StoredRecord record, RecordSummary summary, List<Row> rows) {
    /**
     * @param link the record this row's reference leads to, when it is in the vault
     */
    public record Row(Text label, Text value, Optional<StoredRecord> link) {
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(link, "link");
        }
    }

    /** Bookkeeping and narrative, not facts a patient reads in rows. */
    private static final Set<String> NOT_SHOWN = Set.of("resourceType", "id", "meta", "text", "contained",
            "extension", "modifierExtension", "implicitRules", "language");
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final int MAX_DEPTH = 3;

    public RecordDetail {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(summary, "summary");
        rows = List.copyOf(rows);
    }

    public static RecordDetail of(StoredRecord record, RecordIndex index) {
        JsonNode resource = FhirJson.tree(record.resource());
        Writer writer = new Writer(record, index);
        writer.add(new Text.FieldName("resourceType"), Text.code("resourceType", record.resource().resourceType()));
        for (Map.Entry<String, JsonNode> field : resource.properties()) {
            if (!NOT_SHOWN.contains(field.getKey()) && !field.getKey().startsWith("_")) {
                writer.field(new Text.FieldName(field.getKey()), field.getKey(), null, field.getValue(), 0);
            }
        }
        for (Provenance provenance : record.provenance()) {
            writer.add(new Text.FieldName("source"), Text.message("detail.source", Text.literal(provenance.source()),
                    new Text.When(RecordDate.of(provenance.importedAt()), true)));
        }
        return new RecordDetail(record, RecordSummary.of(record, index), writer.rows);
    }

    private static final class Writer {
        private final StoredRecord record;
        private final RecordIndex index;
        private final List<Row> rows = new ArrayList<>();
        /** A claim names the same patient and practitioner many times; each title is worked out once. */
        private final Map<UUID, Text> titles = new HashMap<>();

        Writer(StoredRecord record, RecordIndex index) {
            this.record = record;
            this.index = index;
        }

        void add(Text label, Text value) {
            rows.add(new Row(label, value, Optional.empty()));
        }

        void field(Text label, String name, String parent, JsonNode value, int depth) {
            if (value.isArray()) {
                List<Text> primitives = new ArrayList<>();
                for (JsonNode item : value) {
                    if (item.isValueNode()) {
                        Text text = primitive(name, parent, item);
                        if (text != null) {
                            primitives.add(text);
                        }
                    } else {
                        field(label, name, parent, item, depth);
                    }
                }
                if (!primitives.isEmpty()) {
                    add(label, primitives.size() == 1 ? primitives.get(0) : new Text.Joined(primitives));
                }
            } else if (value.isObject()) {
                object(label, name, value, depth);
            } else {
                Text text = primitive(name, parent, value);
                if (text != null) {
                    add(label, text);
                }
            }
        }

        private Text primitive(String name, String parent, JsonNode value) {
            if (value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                return new Text.Amount(value.decimalValue(), null);
            }
            if (value.isBoolean()) {
                return Text.code("boolean", value.asText());
            }
            String text = value.asText();
            if (DateElements.typeOf(name, parent, null) != null) {
                Optional<RecordDate> date = RecordDate.parse(text);
                if (date.isPresent()) {
                    return new Text.When(date.get(), true);
                }
            }
            // Lower-case tokens are FHIR codes (status, gender …): the app's bundle may word them.
            return CODE.matcher(text).matches() ? Text.code(name, text) : Text.literal(text);
        }

        private void object(Text label, String name, JsonNode value, int depth) {
            if (isReference(value)) {
                reference(label, value);
                return;
            }
            Text shown = dataType(value);
            if (shown != null) {
                add(label, shown);
                return;
            }
            if (depth >= MAX_DEPTH) {
                return;
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String child = field.getKey();
                if (!NOT_SHOWN.contains(child) && !child.startsWith("_") && !"id".equals(child)
                        && !"sequence".equals(child)) {
                    field(Text.message("detail.nested", label, new Text.FieldName(child)), child, name,
                            field.getValue(), depth + 1);
                }
            }
        }

        private static boolean isReference(JsonNode value) {
            return value.has("reference") && value.get("reference").isTextual()
                    || value.has("display") && !value.has("code") && !value.has("coding")
                    && (value.has("type") || value.has("identifier") || value.size() == 1);
        }

        private void reference(Text label, JsonNode reference) {
            String target = text(reference, "reference");
            String display = text(reference, "display");
            if (target == null) {
                add(label, Text.literal(display != null ? display : text(reference.path("identifier"), "value")));
                return;
            }
            Resolution resolution = index.resolve(record, target);
            if (resolution instanceof Resolution.InVault found) {
                Text title = titles.computeIfAbsent(found.record().id(), id -> RecordSummary.of(found.record(), index).title());
                rows.add(new Row(label, title, Optional.of(found.record())));
            } else if (resolution instanceof Resolution.Contained contained) {
                add(label, RecordSummary.titleOf(contained.resource(), record, index));
            } else {
                add(label, Text.literal(display != null ? display : target));
            }
        }

        /** The FHIR data types a person reads as one value; null for anything else (walked field by field). */
        private static Text dataType(JsonNode value) {
            if (value.has("coding") || value.size() == 1 && value.has("text") && value.get("text").isTextual()) {
                String concept = FhirValues.concept(value);
                return concept == null ? null : Text.literal(concept);
            }
            if (value.has("system") && value.has("code") && !value.has("value")) {
                String concept = FhirValues.concept(value);
                return concept == null ? null : Text.literal(concept);
            }
            if (value.path("value").isNumber()) {
                Text.Amount amount = FhirValues.amount(value);
                String comparator = text(value, "comparator");
                return comparator == null ? amount : Text.message("detail.compared", Text.literal(comparator), amount);
            }
            if (value.has("start") || value.has("end")) {
                Optional<RecordDate> start = RecordDate.parse(text(value, "start"));
                Optional<RecordDate> end = RecordDate.parse(text(value, "end"));
                if (start.isPresent() && end.isPresent()) {
                    return Text.message("detail.period", new Text.When(start.get(), true), new Text.When(end.get(), true));
                }
                if (start.isPresent() || end.isPresent()) {
                    return Text.message(start.isPresent() ? "detail.from" : "detail.until",
                            new Text.When(start.isPresent() ? start.get() : end.get(), true));
                }
            }
            if (value.has("low") || value.has("high")) {
                Text.Amount low = FhirValues.amount(value.get("low"));
                Text.Amount high = FhirValues.amount(value.get("high"));
                if (low != null || high != null) {
                    return low != null && high != null ? Text.message("detail.range", low, high)
                            : low != null ? Text.message("detail.atLeast", low) : Text.message("detail.atMost", high);
                }
            }
            if (value.has("family") || value.has("given")) {
                String name = FhirValues.humanName(value);
                return name == null ? null : Text.literal(name);
            }
            if (value.has("line") || value.has("city") || value.has("postalCode")) {
                return address(value);
            }
            if (value.has("contentType") || value.has("data") || value.has("url") && value.has("title")) {
                // An attachment: its title or type; its bytes are for a viewer, not a row.
                String title = text(value, "title");
                return Text.literal(title != null ? title : text(value, "contentType") != null
                        ? text(value, "contentType") : text(value, "url") != null ? text(value, "url") : "");
            }
            if (value.has("value") && value.get("value").isTextual() && (value.has("system") || value.has("use"))) {
                return Text.literal(value.get("value").textValue());  // Identifier, ContactPoint
            }
            if (value.has("text") && value.get("text").isTextual()
                    && (value.has("time") || value.has("authorString") || value.has("authorReference"))) {
                return Text.literal(value.get("text").textValue());   // Annotation
            }
            return null;
        }

        private static Text address(JsonNode address) {
            String text = text(address, "text");
            if (text != null) {
                return Text.literal(text);
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode line : address.path("line")) {
                parts.add(line.asText());
            }
            for (String name : new String[] {"city", "state", "postalCode", "country"}) {
                String part = text(address, name);
                if (part != null) {
                    parts.add(part);
                }
            }
            return Text.literal(String.join(", ", parts));
        }
    }
}
