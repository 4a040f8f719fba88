package org.healthwallet.ledger.cometbft.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 3339 times as Go writes them (time.RFC3339Nano: fraction without trailing zeros, "Z"). */
public final class RfcTime {
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private RfcTime() {
    }

    /** @throws IllegalArgumentException if the text is not an RFC 3339 time with at most nine fractional digits */
    public static Instant parse(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + text);
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
            String zone = m.group(8);
            ZoneOffset offset = zone.equalsIgnoreCase("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid time: " + text, e);
        }
    }

    /** Go's time.RFC3339Nano in UTC, e.g. 2023-05-17T14:12:53.6053745Z. */
    public static String format(Instant time) {
        StringBuilder s = new StringBuilder(SECONDS.format(time));
        int nanos = time.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(digits, 0, end);
        }
        return s.append('Z').toString();
    }
}
