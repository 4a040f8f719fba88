package org.healthwallet.app.accesslog;

import java.util.ArrayList;
import java.util.List;
import org.healthwallet.core.accesslog.AccessView;

/**
 * The access log as CSV, one shape for the {@code access-log --format csv} command and the app's
 * "Export CSV…": a header line, then one line per access in the order given. Text a person typed
 * (the recipient, the share's label) is quoted when needed and defused when a spreadsheet would
 * read it as a formula. {@code relay} is the relay's key, {@code relay_url} its URL on the ledger
 * (empty when the ledger has no record of it, or the entry was kept by an earlier build).
 */
public final class AccessLogCsv {
    public static final String HEADER = "time,recipient,share,share_label,relay,relay_url,files,recorded_at_height,proven_at_height,verified";

    private AccessLogCsv() {}

    /** The header and a line per access (without line ends). */
    public static List<String> lines(List<AccessView> accesses) {
        List<String> lines = new ArrayList<>(accesses.size() + 1);
        lines.add(HEADER);
        for (AccessView v : accesses) {
            lines.add(String.join(",", v.at().toString(), cell(v.recipient()), v.share().map(Object::toString).orElse(v.shareId()),
                    cell(v.shareLabel().orElse("")), v.relay().key(), cell(v.relay().url().orElse("")), Integer.toString(v.files().size()),
                    Long.toString(v.recordedAtHeight()), Long.toString(v.provenAtHeight()), "true"));
        }
        return lines;
    }

    /** One text cell: a leading = + - @ gets a ' so no spreadsheet runs it; quoted when it holds , " or a line end. */
    static String cell(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        String safe = text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@") ? "'" + text : text;
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
