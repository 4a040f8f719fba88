package org.healthwallet.core.records;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Turns {@link Text} into a string in one language. The app hands in its own bundle (its Chinese
 * bundle, say) and locale; a key missing there falls back to the English wording shipped with
 * wallet-core, and a code or field name missing in both is shown as written / in plain words.
 * Immutable and thread-safe.
 */
public final class TextRenderer {
    /** The base name of the English wording; the app's bundles use the same keys. */
    public static final String ENGLISH_BUNDLE = "org.healthwallet.core.records.display";

    /** Choice elements ("effectiveDateTime") are named by their base ("effective") when no key says otherwise. */
    private static final Set<String> CHOICE_BASES = Set.of("effective", "onset", "abatement", "occurrence",
            "performed", "value", "medication", "deceased", "multipleBirth", "timing", "serviced", "reported",
            "asNeeded", "born", "age", "product", "location", "collected", "rate", "dose", "allowed", "used");

    private final ResourceBundle bundle;
    private final ResourceBundle english;
    private final Locale locale;
    private final DateTimeFormatter day;
    private final DateTimeFormatter dayAndTime;
    private final DateTimeFormatter month;
    /** NumberFormat is not thread-safe: each use clones this one. */
    private final NumberFormat numbers;

    public TextRenderer(ResourceBundle bundle, Locale locale) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.english = englishBundle();
        this.day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.dayAndTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
        this.month = DateTimeFormatter.ofPattern(wordOr("date.month", "MMM yyyy"), locale);
        this.numbers = NumberFormat.getNumberInstance(locale);
    }

    private static ResourceBundle englishBundle() {
        return ResourceBundle.getBundle(ENGLISH_BUNDLE, Locale.ROOT,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The wallet's own English wording. */
    public static TextRenderer english() {
        return new TextRenderer(englishBundle(), Locale.ENGLISH);
    }

    public String render(Text text) {
        if (text instanceof Text.Literal literal) {
            return literal.value();
        } else if (text instanceof Text.Message message) {
            return message(message);
        } else if (text instanceof Text.Code code) {
            return code(code);
        } else if (text instanceof Text.FieldName field) {
            return field(field.name());
        } else if (text instanceof Text.Amount amount) {
            return amount(amount);
        } else if (text instanceof Text.When when) {
            return when(when);
        } else if (text instanceof Text.Joined joined) {
            return join(joined.parts(), "list.separator");
        }
        throw new IllegalArgumentException("unknown kind of text: " + text);
    }

    /** Parts of one line (a summary's details), joined by the bundle's separator (" · "). */
    public String line(List<Text> parts) {
        return join(parts, "separator");
    }

    private String join(List<Text> parts, String separatorKey) {
        String separator = word(separatorKey);
        List<String> rendered = new ArrayList<>(parts.size());
        for (Text part : parts) {
            rendered.add(render(part));
        }
        return String.join(separator == null ? ", " : separator, rendered);
    }

    private String message(Text.Message message) {
        Object[] args = new Object[message.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = render(message.args().get(i));
        }
        String pattern = word(message.key());
        if (pattern == null) {
            return args.length == 0 ? message.key() : String.join(" ", Arrays.stream(args).map(String::valueOf).toList());
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    private String code(Text.Code code) {
        String word = word("code." + code.element() + "." + code.code());
        if (word == null) {
            word = word("code." + code.code());
        }
        if (word != null) {
            return word;
        }
        return "resourceType".equals(code.element()) ? inWords(code.code()) : code.code();
    }

    private String field(String name) {
        String word = word("field." + name);
        if (word != null) {
            return word;
        }
        for (String base : CHOICE_BASES) {
            if (name.length() > base.length() && name.startsWith(base)
                    && Character.isUpperCase(name.charAt(base.length()))) {
                String baseWord = word("field." + base);
                return baseWord != null ? baseWord : inWords(base);
            }
        }
        return inWords(name);
    }

    /** "dosageInstruction" -> "Dosage instruction". */
    static String inWords(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (i == 0) {
                out.append(Character.toUpperCase(c));
            } else if (Character.isUpperCase(c) && !Character.isUpperCase(camel.charAt(i - 1))) {
                out.append(' ').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String amount(Text.Amount amount) {
        BigDecimal value = amount.value();
        // Exports carry machine precision (54.48277818964297 cm); people read two decimals, or three
        // significant digits for small values.
        BigDecimal shown = value.abs().compareTo(BigDecimal.ONE) >= 0 || value.signum() == 0
                ? value.setScale(Math.min(Math.max(value.scale(), 0), 2), RoundingMode.HALF_UP)
                : value.round(new MathContext(3, RoundingMode.HALF_UP));
        NumberFormat format = (NumberFormat) numbers.clone();
        format.setMaximumFractionDigits(Math.max(shown.scale(), 0));
        format.setMinimumFractionDigits(Math.max(shown.scale(), 0));
        String number = format.format(shown);
        String unit = amount.unit();
        if (unit == null || unit.isBlank() || "1".equals(unit)) {
            return number;
        }
        if (unit.startsWith("{") && unit.endsWith("}")) {
            unit = unit.substring(1, unit.length() - 1);   // a UCUM annotation such as {score}
        }
        unit = unit.replace("[", "").replace("]", "");      // UCUM's mm[Hg] reads as mmHg
        return "%".equals(unit) ? number + unit : number + " " + unit;
    }

    private String when(Text.When when) {
        RecordDate date = when.date();
        return switch (date.precision()) {
            case YEAR -> String.valueOf(date.year());
            case MONTH -> month.format(date.date());
            case DAY -> day.format(date.date());
            // Shown in the offset it was recorded in: the clock time the patient saw at the visit.
            case TIME -> when.withTime() ? dayAndTime.format(date.dateTime().orElseThrow().toLocalDateTime())
                    : day.format(date.date());
        };
    }

    private String wordOr(String key, String fallback) {
        String word = word(key);
        return word != null ? word : fallback;
    }

    private String word(String key) {
        if (bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return english.containsKey(key) ? english.getString(key) : null;
    }
}
