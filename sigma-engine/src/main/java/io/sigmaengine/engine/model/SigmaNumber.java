package io.sigmaengine.engine.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact number from a rule or an event. Integers that fit a {@code long} compare without allocation; all other
 * values compare as {@link BigDecimal} so that large integers and decimals are never rounded
 * ({@code 9007199254740993} differs from {@code 9007199254740992}).
 */
public final class SigmaNumber implements Comparable<SigmaNumber> {

    private final boolean isLong;
    private final long longValue;
    private final BigDecimal decimal;

    private SigmaNumber(long v) {
        this.isLong = true;
        this.longValue = v;
        this.decimal = null;
    }

    private SigmaNumber(BigDecimal v) {
        this.isLong = false;
        this.longValue = 0;
        this.decimal = v;
    }

    public static SigmaNumber of(long v) {
        return new SigmaNumber(v);
    }

    /** Normalises integral decimals that fit a long to the long form. */
    public static SigmaNumber of(BigDecimal v) {
        BigDecimal stripped = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return new SigmaNumber(stripped.longValueExact());
        }
        return new SigmaNumber(stripped);
    }

    /**
     * Converts a Java number from an event or a YAML scalar; returns {@code null} for NaN or infinite values.
     */
    public static SigmaNumber of(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return new SigmaNumber(n.longValue());
        }
        if (n instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? new SigmaNumber(bi.longValue()) : new SigmaNumber(new BigDecimal(bi));
        }
        if (n instanceof BigDecimal bd) {
            return of(bd);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e18) {
            return new SigmaNumber((long) d);
        }
        return of(BigDecimal.valueOf(d));
    }

    /**
     * Parses a decimal number written as text: optional sign, digits, optional fraction ({@code 4688},
     * {@code -1}, {@code 04688}, {@code 1.50}, {@code .5}). No exponent, hex, octal or whitespace. Returns
     * {@code null} if the text is not such a number.
     */
    public static SigmaNumber parseDecimal(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 400) {
            return null;
        }
        int i = 0;
        char c0 = s.charAt(0);
        boolean neg = false;
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            i = 1;
        }
        int intStart = i;
        long acc = 0;
        boolean overflow = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (!overflow) {
                int d = s.charAt(i) - '0';
                if (acc > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    acc = acc * 10 + d;
                }
            }
            i++;
        }
        int intDigits = i - intStart;
        if (i == n) {
            if (intDigits == 0) {
                return null;
            }
            return overflow ? of(new BigDecimal(s.toString())) : new SigmaNumber(neg ? -acc : acc);
        }
        if (s.charAt(i) != '.') {
            return null;
        }
        i++;
        int fracStart = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i != n || (intDigits == 0 && i == fracStart)) {
            return null;
        }
        return of(new BigDecimal(s.toString()));
    }

    public boolean isLong() {
        return isLong;
    }

    public long longValue() {
        return longValue;
    }

    public BigDecimal toBigDecimal() {
        return isLong ? BigDecimal.valueOf(longValue) : decimal;
    }

    public double doubleValue() {
        return isLong ? longValue : decimal.doubleValue();
    }

    /** Whether this number is an integer (possibly beyond the long range). */
    public boolean isIntegral() {
        return isLong || decimal.scale() <= 0;
    }

    @Override
    public int compareTo(SigmaNumber o) {
        if (isLong && o.isLong) {
            return Long.compare(longValue, o.longValue);
        }
        return toBigDecimal().compareTo(o.toBigDecimal());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaNumber n && compareTo(n) == 0;
    }

    @Override
    public int hashCode() {
        return isLong ? Long.hashCode(longValue) : decimal.hashCode();
    }

    /** Plain decimal text, e.g. {@code 4688}, {@code 1.5}, {@code -0.25}. */
    @Override
    public String toString() {
        return isLong ? Long.toString(longValue) : decimal.toPlainString();
    }
}
