package org.healthwallet.core.records;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FHIR R4's three date-like primitive types, each checked by the regular expression the R4
 * specification gives for it plus a calendar check the expression cannot make (no 31 April, no
 * 29 February outside leap years).
 */
enum TemporalType {
    DATE("date", "(?<y>" + Regex.YEAR + ")(-(?<m>" + Regex.MONTH + ")(-(?<d>" + Regex.DAY + "))?)?"),
    DATE_TIME("date/time", "(?<y>" + Regex.YEAR + ")(-(?<m>" + Regex.MONTH + ")(-(?<d>" + Regex.DAY + ")"
            + "(T" + Regex.TIME + Regex.ZONE + ")?)?)?"),
    INSTANT("instant", "(?<y>" + Regex.YEAR + ")-(?<m>" + Regex.MONTH + ")-(?<d>" + Regex.DAY + ")"
            + "T" + Regex.TIME + Regex.ZONE);

    /** The pieces of the R4 expressions (http://hl7.org/fhir/R4/datatypes.html#primitive). */
    private static final class Regex {
        static final String YEAR = "[0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000";
        static final String MONTH = "0[1-9]|1[0-2]";
        static final String DAY = "0[1-9]|[1-2][0-9]|3[0-1]";
        static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?";
        static final String ZONE = "(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
    }

    private final String words;
    private final Pattern pattern;

    TemporalType(String words, String regex) {
        this.words = words;
        this.pattern = Pattern.compile(regex);
    }

    /** How the type is named in a message to the patient ("not a valid date/time"). */
    String words() {
        return words;
    }

    boolean accepts(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            return false;
        }
        String day = m.group("d");
        if (day == null) {
            return true;
        }
        YearMonth month = YearMonth.of(Integer.parseInt(m.group("y")), Integer.parseInt(m.group("m")));
        return month.isValidDay(Integer.parseInt(day));
    }
}
