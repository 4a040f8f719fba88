package org.healthwallet.core.records;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A piece of display text, kept structured so the app can put it in the patient's language: what
 * the record says (a drug's name) stays as written, what the wallet says (a sentence, a field's
 * name, a status code) is a key the app's resource bundle translates. {@link TextRenderer} turns
 * it into a string; the English wording lives in {@code display.properties} beside this class.
 */
public sealed interface Text {
    /** Words from the record itself, shown as written. */
    record Literal(String value) implements Text {
        public Literal { Objects.requireNonNull(value, "value"); }
    }

    /** A sentence of the wallet's, by bundle key, with its parts (MessageFormat {0}, {1} …). */
    record Message(String key, List<Text> args) implements Text {
        public Message { Objects.requireNonNull(key, "key"); args = List.copyOf(args); }
    }

    /**
     * A FHIR code ("active", "high", "AMB"): the bundle key {@code code.<element>.<code>}, else
     * {@code code.<code>}, else the code as written.
     */
    record Code(String element, String code) implements Text {
        public Code { Objects.requireNonNull(element, "element"); Objects.requireNonNull(code, "code"); }
    }

    /** The name of a FHIR element ("effectiveDateTime"): bundle key {@code field.<name>}, else the name in words. */
    record FieldName(String name) implements Text {
        public FieldName { Objects.requireNonNull(name, "name"); }
    }

    /** A number with its unit as the record gives it (unit may be null). */
    record Amount(BigDecimal value, String unit) implements Text {
        public Amount { Objects.requireNonNull(value, "value"); }
    }

    /** A date in the precision the record gave it, optionally with its time. */
    record When(RecordDate date, boolean withTime) implements Text {
        public When { Objects.requireNonNull(date, "date"); }
    }

    /** Several values of one field, shown as a list. */
    record Joined(List<Text> parts) implements Text {
        public Joined { parts = List.copyOf(parts); }
    }

    static Text literal(String value) {
        return new Literal(value);
    }

    static Text message(String key, Text... args) {
        return new Message(key, List.of(args));
    }

    static Text code(String element, String code) {
        return new Code(element, code);
    }
}
