package org.healthwallet.core.records;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A FHIR reference string taken apart, in the forms real exports use: {@code #id} (contained),
 * {@code urn:uuid:…} (a Bundle entry's fullUrl), {@code Type/id} (relative), an absolute URL
 * ending in {@code Type/id} (optionally {@code /_history/v}), and conditional references
 * ({@code Practitioner?identifier=…}) that name a search, not a resource.
 *
 * @param base for an absolute URL, what comes before {@code Type/id}; else null
 */
record Reference(Kind kind, String text, String base, String type, String id) {
    enum Kind { CONTAINED, URN, RELATIVE, ABSOLUTE, CONDITIONAL, OTHER }

    private static final Pattern LITERAL = Pattern.compile(
            "(?:(?<base>[A-Za-z][A-Za-z0-9+.-]*://.+)/)?(?<type>[A-Z][A-Za-z]+)/(?<id>[^/?#\\s]+)"
                    + "(?:/_history/[^/?#\\s]+)?");
    private static final Pattern CONDITIONAL = Pattern.compile("(?:.*/)?[A-Z][A-Za-z]+\\?.*");

    static Reference parse(String text) {
        if (text.startsWith("#")) {
            return new Reference(Kind.CONTAINED, text, null, null, text.substring(1));
        }
        if (text.startsWith("urn:")) {
            return new Reference(Kind.URN, text, null, null, text.startsWith("urn:uuid:") ? text.substring(9) : null);
        }
        if (CONDITIONAL.matcher(text).matches()) {
            return new Reference(Kind.CONDITIONAL, text, null, null, null);
        }
        Matcher m = LITERAL.matcher(text);
        if (m.matches() && ResourceTypes.isR4(m.group("type"))) {
            String base = m.group("base");
            return new Reference(base == null ? Kind.RELATIVE : Kind.ABSOLUTE, text, base, m.group("type"), m.group("id"));
        }
        return new Reference(Kind.OTHER, text, null, null, null);
    }

    /** {@code Type/id}, the key of the index's lookup by FHIR identity. */
    String typeAndId() {
        return type + "/" + id;
    }

    /** The absolute URL without a version, as a fullUrl would state it. */
    String unversionedUrl() {
        return base + "/" + typeAndId();
    }
}
