package org.healthwallet.core.share;

import java.util.List;
import org.healthwallet.core.records.RecordSummary;
import org.healthwallet.core.records.Text;
import org.healthwallet.core.records.TextRenderer;

/**
 * The human-readable part of a summary section: FHIR narrative XHTML (a {@code div} in the XHTML
 * namespace), written here from the records' summaries and escaped, so whatever a record says
 * cannot become markup.
 */
final class SectionNarrative {
    private static final String OPEN = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";

    private SectionNarrative() {}

    /** A table: what, when, details; one row per entry, in the section's order. */
    static String table(List<RecordSummary> rows, TextRenderer words) {
        StringBuilder html = new StringBuilder(OPEN).append("<table><thead><tr><th>Item</th><th>Date</th><th>Details</th></tr></thead><tbody>");
        for (RecordSummary row : rows) {
            html.append("<tr><td>").append(escape(words.render(row.title()))).append("</td><td>")
                    .append(escape(row.date().map(d -> words.render(new Text.When(d, false))).orElse(""))).append("</td><td>")
                    .append(escape(words.line(row.details()))).append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    /** One sentence, for an empty section. */
    static String sentence(String text) {
        return OPEN + "<p>" + escape(text) + "</p></div>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 has no place for most control characters; a record's stray one is dropped.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
