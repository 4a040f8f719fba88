package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads FHIR data types (CodeableConcept, Quantity, Period, HumanName …) out of a resource tree. */
final class FhirValues {
    private FhirValues() {}

    /** A string property, or null when absent, blank or not text. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue().strip() : null;
    }

    /** What a person calls a CodeableConcept (or Coding): its text, else a coding's display, else a code. */
    static String concept(JsonNode concept) {
        if (concept == null || !concept.isObject()) {
            return null;
        }
        String text = text(concept, "text");
        if (text != null) {
            return text;
        }
        String display = text(concept, "display");
        if (display != null) {
            return display;
        }
        JsonNode codings = concept.path("coding");
        for (JsonNode coding : codings) {
            display = text(coding, "display");
            if (display != null) {
                return display;
            }
        }
        for (JsonNode coding : codings) {
            String code = text(coding, "code");
            if (code != null) {
                return code;
            }
        }
        return text(concept, "code");
    }

    /** The concept of a property that may be one CodeableConcept or a list of them (the first that names something). */
    static String firstConcept(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                String concept = concept(item);
                if (concept != null) {
                    return concept;
                }
            }
            return null;
        }
        return concept(node);
    }

    /** The first coding's code of a CodeableConcept (or list of them), e.g. a status "active". */
    static String code(JsonNode concept) {
        JsonNode first = concept != null && concept.isArray() ? concept.path(0) : concept;
        if (first == null || !first.isObject()) {
            return null;
        }
        for (JsonNode coding : first.path("coding")) {
            String code = text(coding, "code");
            if (code != null) {
                return code;
            }
        }
        return text(first, "code");
    }

    /** Every code of every coding in a CodeableConcept or a list of them. */
    static List<String> codes(JsonNode concepts) {
        List<String> codes = new ArrayList<>();
        if (concepts == null) {
            return codes;
        }
        for (JsonNode concept : concepts.isArray() ? concepts : List.of(concepts)) {
            for (JsonNode coding : concept.path("coding")) {
                String code = text(coding, "code");
                if (code != null) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    /** A date property read as a date; a Period gives its start (or end when it has no start). */
    static Optional<RecordDate> date(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return RecordDate.parse(node.textValue());
        }
        if (node.isObject()) {
            Optional<RecordDate> start = RecordDate.parse(text(node, "start"));
            return start.isPresent() ? start : RecordDate.parse(text(node, "end"));
        }
        return Optional.empty();
    }

    /** The first of the named properties that holds a date. */
    static Optional<RecordDate> firstDate(JsonNode resource, String... names) {
        for (String name : names) {
            Optional<RecordDate> date = date(resource.get(name));
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    /** A Quantity (or Money, Age, Duration) as an amount, or null when it holds no number. */
    static Text.Amount amount(JsonNode quantity) {
        if (quantity == null || !quantity.isObject()) {
            return null;
        }
        JsonNode value = quantity.get("value");
        if (value == null || !value.isNumber()) {
            return null;
        }
        String unit = text(quantity, "unit");
        if (unit == null) {
            unit = text(quantity, "code");
        }
        if (unit == null) {
            unit = text(quantity, "currency");
        }
        return new Text.Amount(value.decimalValue(), unit);
    }

    static BigDecimal number(JsonNode node) {
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    /** A person's name from a HumanName list (or one HumanName): its text, else given names and family. */
    static String humanName(JsonNode names) {
        if (names == null) {
            return null;
        }
        JsonNode name = names.isArray() ? pickName(names) : names;
        if (name == null || !name.isObject()) {
            return null;
        }
        String text = text(name, "text");
        if (text != null) {
            return text;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : name.path("prefix")) {
            parts.add(part.asText());
        }
        for (JsonNode part : name.path("given")) {
            parts.add(part.asText());
        }
        String family = text(name, "family");
        if (family != null) {
            parts.add(family);
        }
        parts.removeIf(String::isBlank);
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The official (or usual) name when there are several, else the first. */
    private static JsonNode pickName(JsonNode names) {
        for (String use : new String[] {"official", "usual"}) {
            for (JsonNode name : names) {
                if (use.equals(name.path("use").asText())) {
                    return name;
                }
            }
        }
        return names.size() > 0 ? names.get(0) : null;
    }
}
