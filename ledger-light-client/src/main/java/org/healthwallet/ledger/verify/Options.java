package org.healthwallet.ledger.verify;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a verification assumes.
 *
 * @param trustLevel     the share of the trusted validators' power that must have signed a header
 *                       reached by skipping (at least 1/3, at most 1; CometBFT's default is 1/3)
 * @param trustingPeriod how long a verified header stays a basis for more verification; it must be
 *                       shorter than the chain's unbonding period
 * @param maxClockDrift  how far a header's time may be ahead of our clock
 */
public record Options(Fraction trustLevel, Duration trustingPeriod, Duration maxClockDrift) {
    /** CometBFT light client defaults: trust level 1/3, trusting period 168 h, clock drift 10 s. */
    public static final Options DEFAULT = new Options(Fraction.ONE_THIRD, Duration.ofHours(168), Duration.ofSeconds(10));

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

    public Options {
        Objects.requireNonNull(trustLevel, "trustLevel");
        Objects.requireNonNull(trustingPeriod, "trustingPeriod");
        Objects.requireNonNull(maxClockDrift, "maxClockDrift");
        if (!trustLevel.isAtLeast(Fraction.ONE_THIRD) || !trustLevel.isAtMost(new Fraction(1, 1))) {
            throw new IllegalArgumentException("the trust level must be from 1/3 to 1, got " + trustLevel);
        }
        if (trustingPeriod.isNegative() || trustingPeriod.isZero()) {
            throw new IllegalArgumentException("the trusting period must be positive, got " + trustingPeriod);
        }
        if (maxClockDrift.isNegative()) {
            throw new IllegalArgumentException("the maximum clock drift cannot be negative, got " + maxClockDrift);
        }
    }

    public Options withTrustLevel(Fraction level) {
        return new Options(level, trustingPeriod, maxClockDrift);
    }

    public Options withTrustingPeriod(Duration period) {
        return new Options(trustLevel, period, maxClockDrift);
    }

    public Options withMaxClockDrift(Duration drift) {
        return new Options(trustLevel, trustingPeriod, drift);
    }

    /**
     * Reads a duration as a person writes it on a command line: ISO-8601 ("PT168H", "P14D") or Go's
     * style with units ns, us, ms, s, m, h and d ("168h", "1h30m", "10s", "14d").
     */
    public static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 168h, 10s or PT168H");
            }
        }
        Matcher m = GO_DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            total = total.plus(unit(m.group(1), m.group(2)));
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 168h, 10s or PT168H");
        }
        return total;
    }

    private static Duration unit(String amount, String unit) {
        java.math.BigDecimal value = new java.math.BigDecimal(amount);
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
        java.math.BigInteger nanos = value.multiply(java.math.BigDecimal.valueOf(nanosPerUnit)).toBigInteger();
        if (nanos.bitLength() > 62) {
            throw new IllegalArgumentException("the duration " + amount + unit + " is too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
