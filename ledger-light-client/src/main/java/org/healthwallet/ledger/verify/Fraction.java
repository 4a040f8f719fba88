package org.healthwallet.ledger.verify;

/** A non-negative fraction such as a trust level (1/3) or the share of power that signed (7/10). */
public record Fraction(long numerator, long denominator) {
    public static final Fraction ONE_THIRD = new Fraction(1, 3);
    public static final Fraction TWO_THIRDS = new Fraction(2, 3);

    public Fraction {
        if (denominator <= 0) {
            throw new IllegalArgumentException("a fraction needs a positive denominator, got " + denominator);
        }
        if (numerator < 0) {
            throw new IllegalArgumentException("a fraction cannot be negative, got " + numerator + "/" + denominator);
        }
    }

    /** Parses "N/D" (e.g. "1/3", "2/3"). */
    public static Fraction parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected a fraction such as 1/3, got \"" + text + "\"");
        }
        try {
            return new Fraction(Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a fraction such as 1/3, got \"" + text + "\"");
        }
    }

    /** True when part/total is strictly more than this fraction (exact, without overflow). */
    public boolean isExceededBy(long part, long total) {
        // part * denominator > total * numerator, compared as 128-bit products (all values >= 0)
        return compareProducts(part, denominator, total, numerator) > 0;
    }

    /** True when this fraction is at least {@code other}. */
    public boolean isAtLeast(Fraction other) {
        return compareProducts(numerator, other.denominator, other.numerator, denominator) >= 0;
    }

    /** True when this fraction is at most {@code other}. */
    public boolean isAtMost(Fraction other) {
        return compareProducts(numerator, other.denominator, other.numerator, denominator) <= 0;
    }

    private static int compareProducts(long a, long b, long c, long d) {
        long highAB = Math.multiplyHigh(a, b);
        long highCD = Math.multiplyHigh(c, d);
        if (highAB != highCD) {
            return Long.compare(highAB, highCD);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
