package org.healthwallet.core.records;

import static org.healthwallet.core.records.FhirValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** The value[x] of an Observation or of one of its components, as text and as a number for charts. */
final class ObservationValues {
    /**
     * A number with its unit: {@code unit} as the record shows it, {@code unitKey} what series are
     * grouped by (the UCUM code when present, so "mg/dL" written two ways still joins).
     */
    record Numeric(BigDecimal value, String unit, String unitKey) {}

    private ObservationValues() {}

    static Text valueText(JsonNode holder) {
        JsonNode quantity = holder.get("valueQuantity");
        if (quantity != null) {
            Text.Amount amount = FhirValues.amount(quantity);
            String comparator = text(quantity, "comparator");
            if (amount != null && comparator != null) {
                return Text.message("detail.compared", Text.literal(comparator), amount);
            }
            return amount;
        }
        if (holder.has("valueCodeableConcept")) {
            String concept = FhirValues.concept(holder.get("valueCodeableConcept"));
            return concept == null ? null : Text.literal(concept);
        }
        if (holder.has("valueString")) {
            String value = text(holder, "valueString");
            return value == null ? null : Text.literal(value);
        }
        if (holder.has("valueBoolean")) {
            return Text.code("boolean", holder.get("valueBoolean").asText());
        }
        if (holder.has("valueInteger")) {
            BigDecimal value = FhirValues.number(holder.get("valueInteger"));
            return value == null ? null : new Text.Amount(value, null);
        }
        if (holder.has("valueRange")) {
            Text.Amount low = FhirValues.amount(holder.path("valueRange").get("low"));
            Text.Amount high = FhirValues.amount(holder.path("valueRange").get("high"));
            return low != null && high != null ? Text.message("detail.range", low, high)
                    : low != null ? Text.message("detail.atLeast", low)
                    : high != null ? Text.message("detail.atMost", high) : null;
        }
        if (holder.has("valueRatio")) {
            Text.Amount numerator = FhirValues.amount(holder.path("valueRatio").get("numerator"));
            Text.Amount denominator = FhirValues.amount(holder.path("valueRatio").get("denominator"));
            return numerator != null && denominator != null ? Text.message("detail.ratio", numerator, denominator) : null;
        }
        if (holder.has("valueDateTime") || holder.has("valuePeriod")) {
            return FhirValues.firstDate(holder, "valueDateTime", "valuePeriod")
                    .<Text>map(d -> new Text.When(d, true)).orElse(null);
        }
        if (holder.has("valueTime")) {
            return Text.literal(holder.get("valueTime").asText());
        }
        String absent = FhirValues.concept(holder.get("dataAbsentReason"));
        return absent == null ? null : Text.message("detail.absent", Text.literal(absent));
    }

    /** The number a chart can plot: a valueQuantity with a value, or a valueInteger. Null otherwise. */
    static Numeric numeric(JsonNode holder) {
        JsonNode quantity = holder.get("valueQuantity");
        if (quantity != null && quantity.path("value").isNumber()) {
            String unit = text(quantity, "unit");
            String code = text(quantity, "code");
            String shown = unit != null ? unit : code;
            return new Numeric(quantity.get("value").decimalValue(), shown, code != null ? code : shown);
        }
        JsonNode integer = holder.get("valueInteger");
        if (integer != null && integer.isNumber()) {
            return new Numeric(integer.decimalValue(), null, null);
        }
        return null;
    }
}
